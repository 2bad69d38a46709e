## The whole year: cross-scoring, scorings in preparation, awards, registered titles, meetings
## (E700–E779, W700–W719).

E700 = combine: “{ $value }” is not a way of combining cross-scores; write mean, median or trimmed_mean
E702 = { $association } has agreed scores under scores and is also scored by { $scorer } under cross_scores; a member is scored one way only: remove one of the two
E703 = { $association } is scored under cross_scores and also listed under absent; remove one of the two
E704 = the sheet of { $scorer } has no score of { $association } for criterion { $ids }: every criterion needs a score
W700 = combine: trimmed_mean drops each criterion's highest and lowest score, which needs at least three scorers; these members have fewer, so their scores are the plain mean: { $associations }
W701 = { $association } scored itself under cross_scores; with exclude_self (the default) a member's sheet of itself is not counted
W702 = the scoring of { $period } is not published yet: { $associations } have no cross-scores and are not listed under absent (the file is kept as a scoring in preparation)
E720 = “{ $name }” is not a year: name the awards file after the year, for example content/awards/2013.yaml
E721 = { $association } is proposed for “{ $award }”, which only the bloc's leading unit receives, but it ranks { $rank } in { $scoring }
E722 = { $association } is proposed for “{ $award }”, which only the bloc's leading unit receives, but it shares rank 1 with { $others } in { $scoring }; settle the tie (tie_break, or the meeting's vote) first
E723 = “{ $award }” is proposed { $count } times in { $year } ({ $collectives } collectives, { $individuals } individuals) but the quota under limits is { $limit }
E724 = limits: the quota of “{ $award }” must be a whole number above 0, not “{ $value }”
E725 = { $association } is proposed for “{ $award }”, which only the bloc's leading unit receives, but { $scoring } has no scores for it
E726 = the proposal for { $association } names no award: write its award, for example award: Bằng khen của Chủ tịch UBND tỉnh
E727 = individual number { $n } has no name: write the person's full name
W720 = { $association } is proposed for “{ $award }” but { $registered } in the registration of { $year }
W721 = { $association } is proposed for “{ $award }”, which only the bloc's leading unit receives, but no scoring of { $year } shows who leads
year-registered = registered “{ $title }”
year-registered-none = registered no title
E740 = titles: the title of { $association } is empty; write the title it registers for, for example Cờ thi đua của UBND tỉnh
E741 = “{ $value }” is not a time of day; write hours and minutes, for example "08:00" or "14:30"
E742 = { $associations } belonged to the bloc in { $year } but are neither under present nor under absent; add each one to present, or to absent with the reason
E743 = the vote on “{ $subject }” has { $ballots } ballots but only { $present } members are present; check the counts of agree, disagree and abstain
E744 = { $association } is listed both under present and under absent; remove one of the two
E746 = the meeting ends at { $end }, not after it starts at { $start }; check start and end
E747 = period: “{ $value }” is not a period; write 2013-h1, 2013-h2 or 2013
E748 = “{ $name }” cannot be a web address: name the meeting file with lowercase letters, digits and single hyphens, for example { $slug }.md
E750 = { $key }: “{ $value }” is not a number of votes; write a whole number (0 when there were none)
E751 = { $file }: a cross-scoring sheet has a “{ $kind }” column, but a cross-scoring sheet has score columns only (and the bloc's grid has none): the hidden “blocpress” sheet was edited; import only the sheet that was issued
W740 = { $association } is listed as present but does not belong to the bloc in { $year } (see joined and left in its profile)

## Words of the pages and documents of the year (non-diagnostic).


combine-mean = taking the mean
combine-median = taking the median (the middle score once they are in order)
combine-trimmed_mean = taking the mean once the highest and the lowest score are dropped
combined-note = Each criterion's agreed score comes from the cross-scoring sheets of { $scorers } members, { $how }.
combined-note-exclude = Each criterion's agreed score comes from the cross-scoring sheets of { $scorers } members (a member's sheet of itself not counted), { $how }.

## `new meeting`, `new awards` (non-diagnostic).

new-meeting-created = Created the draft minutes of a meeting (address: /meetings/{ $slug }/): fill in the times, attendance, votes and proceedings, then change it to `draft: false` to publish
new-awards-created = Created the awards proposal of { $year }: list the collectives and individuals proposed, the number and date of the proposal
new-awards-bad-year = “{ $year }” is not a year: write four digits, for example blocpress new awards 2013
help-new-meeting = A new file for the minutes of a meeting of the bloc, with the members of the year listed
help-new-awards = The awards proposal of a year (collectives, individuals, quotas)
help-new-meeting--title = The meeting's name, for example "Hội nghị tổng kết công tác thi đua năm 2013"
help-new-awards--year = The year of the proposal, for example 2013
help-value-year = YEAR

## Cross-scoring sheets (`sheet export --scoring PERIOD --cross`), not error messages.

help-sheet-export--cross = With --scoring: one cross-scoring sheet per member, scoring the others (cross_scores)
sheet-cross-title = CROSS-SCORING SHEET — { $period } — Scored by: { $scorer }
sheet-cross-instructions = Each column is a member being scored; the scorer gives its score for each criterion. Fill in the yellow cells only; a score may not exceed the criterion's maximum. Leave a whole column empty for a member not scored yet. Do not add, delete or move rows or columns.
sheet-col-cross = Score
sheet-field-cross = the cross-scoring sheet of { $scorer }
