## blocpress sheet: Excel forms sent to the members and read back (issue 13).

## Words on the forms.

sheet-form-sheet = Figures
sheet-form-title = EMULATION FIGURES REPORT FORM
sheet-form-member = Member: { $member } — Period: { $period }
sheet-form-instructions = Fill in the yellow cells only. “Result this period” holds the member's figures: write numbers without thousands separators (type 1080, not 1,080); type decimals with your computer's decimal mark. “Note” explains a figure where needed. Do not add, delete, move, merge or hide rows or columns. Save as .xlsx and send it back to the bloc secretary; you may rename the file.
sheet-col-no = { term-number }
sheet-col-metric = { term-metric }
sheet-col-unit = { term-unit }
sheet-col-previous = { term-previous } ({ $period })
sheet-col-target = { term-target } for this period
sheet-col-year-target = { term-year-target }
sheet-col-result = { term-value } this period
sheet-col-next-target = { term-target-next }
sheet-col-note = { term-note }
sheet-section-summary = I. SUMMARY OF THE PERIOD
sheet-section-highlights = II. HIGHLIGHTS (one per cell)
sheet-section-plans = III. PLANS FOR THE NEXT PERIOD (one per cell)
sheet-validation-title = Check the figure
sheet-validation-count = Enter a whole number, { $range }.
sheet-validation-percent = Enter a percentage, { $range }.
sheet-validation-number = Enter a number, { $range }.
sheet-validation-score = Enter a score from 0 to { $max }, at most two decimals.
sheet-range-min = { $min } or more
sheet-range-between = from { $min } to { $max }
sheet-scoring-sheet = Scoring
sheet-scoring-title = EMULATION SCORING — { $period }
sheet-scoring-instructions = Each member has two columns: “Self-assessed” (its own score) and “Agreed by the bloc” (the bloc's score). Fill in the yellow cells only; a score may not exceed the criterion's maximum. Leave a whole column empty for a member not scored yet. Do not add, delete or move rows or columns.
sheet-col-criterion-id = Id
sheet-col-criterion = { term-criterion }
sheet-col-max = { term-max }
sheet-col-self = { term-self }
sheet-col-agreed = { term-agreed }
sheet-total = { term-total-score }

## What the commands say.

sheet-site-has-errors = No forms made: the site has errors ({ $counts }); fix them above and run again
sheet-bad-period = “{ $period }” is not a period id: write 2014-h1 (first half), 2014-h2 (second half) or 2014 (the year)
sheet-export-failed = No form written: { $counts }
sheet-exported = Created { $file }
sheet-export-done = Created { $files } forms in { $folder }; send them to the members, then run “blocpress sheet import” with the returned files
sheet-import-refused = No file written: { $counts }. Fix the cells named in the forms and import them all again
sheet-import-check-failed = No file written: the import would give the site errors ({ $counts })
sheet-import-dry-run = Dry run: { $files } files would be written; nothing was written
sheet-import-done = Wrote { $files } files into content/; run “blocpress build” to update the site
sheet-file-unchanged = { $file }: nothing changes (form { $form })
sheet-file-updated = { $file }: updated from form { $form }
sheet-file-created = { $file }: created from form { $form }
sheet-change-line =   • { $change }
sheet-changed-value = { $key }: { $old } → { $new }
sheet-changed-target = next period's target { $key }: { $old } → { $new }
sheet-changed-note = note on { $key }
sheet-changed-text = { $field } (the summary)
sheet-changed-list = { $field }: { $items } items
sheet-changed-scores = { $field }: { $members }

## Errors reading a form (E350–E372) and warnings (W350).

E350 = this file cannot be opened as an Excel workbook (.xlsx): { $error }. Open it in Excel or LibreOffice and “Save As” .xlsx
E351 = this file is not a form made by blocpress (its hidden “blocpress” sheet is missing): use a form from “blocpress sheet export”
E352 = this form belongs to the site “{ $form_site }”, not to “{ $site }”: use a form exported from this site
E353 = the form names the member “{ $member }”, which this site does not have: export the form again with “blocpress sheet export”
E354 = the column heading should be “{ $expected }” but is “{ $found }”: a column was deleted or moved; use the original form and do not add or delete columns
E355 = this row should be “{ $expected }” but is “{ $found }”: a row was deleted or moved; use the original form and do not add or delete rows
E356 = the result cell is inside the merged range { $range }: unmerge the cells and write the figure in its own cell
E357 = the result cell is in a hidden row or column: unhide it, check the figure and save
E358 = the cell holds the formula { $formula } without its computed value: open the file in Excel or LibreOffice and save it, or type the number itself
E359 = the cell holds the text “{ $text }”, not a number: type the number again (no letters, no thousands separators) { $fix }
E360 = the cell holds the text “{ $text }”, not a number: write numbers without thousands dots: type { $fix }
E361 = the cell holds the text “{ $text }”, not a number (this computer uses a dot for decimals): type { $fix }
E362 = “{ $metric }” is a count, so it must be a whole number, not { $value }: write a whole number
E363 = { $value } is outside the range of “{ $metric }” ({ $min } to { $max }): check the figure
E364 = this form fills the same member and period as { $other }: import one form per member and period
E365 = the member's column has scores for other criteria but this cell is empty: score every criterion, or leave the whole column empty if the member is not scored yet
E366 = the form has no sheet “{ $sheet }” (it was renamed or deleted): give the sheet its name back or use the original form
E368 = this file already exists: it may be a form a member sent back; move it elsewhere, or run again with --force to replace it
E369 = no scoring criteria for { $period }: create content/scoring/{ $period }.yaml with its groups (or a scoring file of an earlier period to reuse its criteria)
E370 = the note on “{ $key }” must be text, not a list or mapping: write notes: { "{" } { $key }: the note { "}" }
E371 = the score { $value } has more than two decimals: round it to two (e.g. 9.75)
E372 = the form has the metric “{ $key }”, which the site no longer defines: export the form again, or define the metric again under metrics
W350 = the comments (#) in “{ $key }” could not be kept when this part was rewritten: check them and copy them back if needed
