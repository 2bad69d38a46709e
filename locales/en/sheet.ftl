## blocpress sheet: Excel forms sent to the members and read back (issue 13).

## Words on the forms.

sheet-form-sheet = Figures
sheet-form-title = EMULATION FIGURES REPORT FORM
sheet-form-member = Member: { $member } — Period: { $period }
sheet-form-instructions = Fill in the yellow cells only; the form already holds the figures the site has. “Result this period” holds the member's figures: write numbers without thousands separators (type 1080, not 1,080); type decimals with your computer's decimal mark. For a figure that is not exact, choose “over”, “about”, “nearly” or “under” in the next column. A cell left empty keeps what the site holds; to remove a figure or an item, type a minus sign (-) in its cell. “Note” explains a figure where needed. Do not add, delete, move, merge or hide rows or columns, and write nothing outside the form. Save as .xlsx and send it back to the bloc secretary; you may rename the file.
sheet-col-no = { term-number }
sheet-col-metric = { term-metric }
sheet-col-unit = { term-unit }
sheet-col-previous = { term-previous } ({ $period })
sheet-col-target = { term-target } for this period
sheet-col-year-target = { term-year-target }
sheet-col-result = { term-value } this period
sheet-col-qualifier = { term-qualifier } (over, about, nearly, under)
sheet-col-next-target = { term-target-next }
sheet-col-note = { term-note }
sheet-section-summary = I. SUMMARY OF THE PERIOD
sheet-section-highlights = II. HIGHLIGHTS (one per cell)
sheet-section-plans = III. PLANS FOR THE NEXT PERIOD (one per cell)
sheet-validation-title = Check the figure
sheet-validation-count = Enter a whole number, { $range }; or a minus sign (-) to remove the figure.
sheet-validation-percent = Enter a percentage, { $range }; or a minus sign (-) to remove the figure.
sheet-validation-number = Enter a number, { $range }; or a minus sign (-) to remove the figure.
sheet-validation-score = Enter a score from 0 to { $max }, at most two decimals.
sheet-validation-dong = Enter a whole number of đồng (no fraction), { $range }; or a minus sign (-) to remove the figure.
sheet-validation-qualifier = Choose “over”, “about”, “nearly” or “under”; leave empty for an exact figure.
sheet-qualifier-over = over
sheet-qualifier-about = about
sheet-qualifier-nearly = nearly
sheet-qualifier-under = under
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
sheet-import-refused = No file written: { $counts }. { $fix }
sheet-import-check-failed = No file written: the import would give the site errors ({ $counts })
sheet-import-dry-run = Dry run: { $files } files would be written; nothing was written
sheet-import-done = Wrote { $files } files into content/; run “blocpress build” to update the site
sheet-file-unchanged = { $file }: nothing changes (form { $form })
sheet-file-updated = { $file }: updated from form { $form }
sheet-file-created = { $file }: created from form { $form }
sheet-change-line = { "  " }• { $change }
sheet-changed-value = { $label }: { $old } → { $new }
sheet-changed-target = next period's target, { $label }: { $old } → { $new }
sheet-changed-note = note on “{ $label }”: “{ $note }”
sheet-changed-list = { $section }: { $changes }
sheet-changed-scores = { $field }: { $members }
sheet-removed-scores = { $field }: scores of { $members } removed
sheet-field-scores = agreed scores
sheet-field-self-scores = self-assessments
sheet-none = none
sheet-removed-value = { $label }: { $old } removed (cell { $cell } holds “-”)
sheet-removed-target = next period's target, { $label }: { $old } removed
sheet-removed-note = note on “{ $label }” removed
sheet-changed-summary = the summary: rewritten
sheet-removed-summary = the summary removed
sheet-list-highlights = highlights
sheet-list-plans = plans for the next period
sheet-item-edited = item { $n } edited
sheet-item-added = item { $n } added
sheet-item-removed = item { $n } removed
sheet-kept-empty = { "  " }• left empty, so kept as the site holds them: { $cells }
sheet-kept-target = next period's target of “{ $label }” ({ $cell })
sheet-kept-note = note on “{ $label }” ({ $cell })
sheet-kept-summary = the summary ({ $cell })
sheet-kept-item = { $section }, cell { $cell }
sheet-import-nothing = Nothing to write: no file changes
sheet-fix-cells = Fix the cells named in the forms and import them all again
sheet-fix-files = Fix the errors above and import them all again
sheet-fix-duplicates = Keep one form per member and period (usually the last one sent) and import again
sheet-damage-missing = this part is missing
sheet-damage-xml = its content cannot be read (from byte { $position })
sheet-damage-reference = the cell reference “{ $reference }” names no cell of a spreadsheet
sheet-damage-string = cell { $cell } points to a text the file does not have
sheet-registry-header =
    The Excel forms issued to the members (written by “blocpress sheet export”; do not edit by hand).
    “blocpress sheet import” accepts only a form whose id is recorded here, for its member and period.
    Keep this file with the site (do not delete it); it is never published.

## Errors reading a form (E350–E386) and warnings (W350–W351).

E350 = this file cannot be opened as an Excel workbook (.xlsx): it may be an old .xls file, a password-protected file or a damaged one. Open it in Excel or LibreOffice, remove any password and “Save As” .xlsx
E351 = this file is not a form made by blocpress (its hidden “blocpress” sheet is missing): use a form from “blocpress sheet export”
E352 = { $same ->
    [yes] this form belongs to another site also named “{ $site }”: that site's address is { $form_url }, this one's { $site_url }; use a form exported from this site
   *[no] this form belongs to the site “{ $form_site }” ({ $form_url }), not to “{ $site }” ({ $site_url }): use a form exported from this site
}
E353 = the form names the member “{ $member }”, which this site does not have: export the form again with “blocpress sheet export”
E354 = the column heading should be “{ $expected }” but is “{ $found }”: a column was deleted or moved; use the original form and do not add or delete columns
E355 = this row should be “{ $expected }” but is “{ $found }”: a row was deleted or moved; use the original form and do not add or delete rows
E356 = the result cell is inside the merged range { $range }: unmerge the cells and write the figure in its own cell
E357 = the result cell is in a hidden row or column: unhide it, check the figure and save
E358 = the cell holds the formula { $formula } without its computed value: open the file in Excel or LibreOffice and save it, or type the number itself
E359 = “{ $metric }”: the cell holds the text “{ $text }”, not a number: type the number again (no letters, no thousands separators) { $fix }
E360 = “{ $metric }”: the cell holds the text “{ $text }”, not a number: write numbers without thousands dots: type { $fix }
E361 = “{ $metric }”: the cell holds the text “{ $text }”, not a number (this computer uses a dot for decimals): type { $fix }
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
E373 = this form was made by an older version of blocpress, whose layout differs: export a new form with “blocpress sheet export”, copy the figures into it and import that
E374 = this form (id “{ $id }”) is not in the site's list of issued forms (forms.yaml): only forms exported from this site are accepted; if forms.yaml was lost, restore it from the site's copy or export new forms
E375 = this form was issued for { $issued } (forms.yaml, { $date }) but its hidden data says { $found }: the hidden “blocpress” sheet was edited; import only the form issued to the member
E376 = the form's heading says “{ $heading }”, but its hidden data is for “{ $member }”: the hidden “blocpress” sheet was edited; import only the form issued to the member
E377 = this column is headed “{ $heading }”, but its hidden data is for “{ $member }”: the hidden “blocpress” sheet was edited; use the original scoring grid
E378 = forms.yaml (the list of issued forms) cannot be read: check that it is there and readable
E379 = the file is larger than { $limit } MB, too large to be a form (a form is a few tens of KB): remove pictures or data pasted into it, or use the original form
E380 = the part “{ $part }” of the file inflates past { $limit } MB: this is not an ordinary form (it may have been made to harm); do not import it, use the original form
E381 = this cell is outside the form, so it would not be read: move its content into the form's cells (explanations go in the Note column) or delete it, and send the form again
E382 = the file is damaged in its part “{ $part }”: { $reason }. Open it in Excel or LibreOffice, save it and import again; or use the original form
E384 = “{ $metric }” is counted in đồng, so it must be a whole number, not { $value }: write { $fix }
E385 = “{ $metric }”: “{ $text }” in the approximate column is not one of { $words } (or over, about, nearly, under): choose one of them, or leave the cell empty for an exact figure
E386 = no form (.xlsx) here: check the file name, the folder or the pattern (for example nhan-ve or "nhan-ve/*.xlsx")
W351 = the cell holds the control character { $char } (usually pasted from Word: Shift+Enter), which Word and Excel files cannot hold: it was replaced by a space; check the cell
W350 = the comments (#) in “{ $key }” could not be kept when this part was rewritten: check them and copy them back if needed
