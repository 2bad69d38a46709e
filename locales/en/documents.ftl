## Official documents (.docx) and spreadsheets (.xlsx): codes E300–E349, W300–W349.

E300 = the signing date “{ $value }” is not a date: write YEAR-MONTH-DAY, for example signed: 2013-06-21
E301 = cannot create { $file }: { $error }
E302 = `extra.sample` of a document is { $value }, which means nothing: write `true` (the whole document is sample data), `false`, or a list of the fields that are sample data, such as [number, date] (a made-up number and date)
W300 = no { $key } here, so the Word (.docx) downloads are left out; the Excel spreadsheets are still built. Add a documents: block with issuer, place and signer (see: blocpress explain W300)

## Links and labels of the downloads (non-diagnostic).

xlsx-sheet-figures = Figures
xlsx-sheet-scores = Scores
xlsx-sheet-criteria = Criteria
xlsx-number = No.
xlsx-association = Member
xlsx-association-slug = Member id
xlsx-metric = Metric
xlsx-metric-key = Metric key
xlsx-unit = Unit
xlsx-value = Value
xlsx-previous = Previous period
xlsx-target-next = Target next period
xlsx-sample = Sample data
xlsx-yes = yes
xlsx-max = Maximum
xlsx-adjustments = Bonus / minus points
xlsx-total = Total
xlsx-rank = Rank
xlsx-award = Award
xlsx-group = Criteria group
xlsx-criterion-id = Criterion id
xlsx-criterion = Criterion
