## Labels and summaries shared by every command.

label-error = error
label-warning = warning
summary-counts = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}
hint-did-you-mean = ; did you mean `{ $word }`?

## Transitional: messages whose words are not in the catalogue yet.

E000 = { $text }
W000 = { $text }

## Command summaries.

check-failed = check failed: { $counts }
check-passed = check passed: { $counts }
build-done = built { $files } files ({ $news } news) into { $output } in { $ms } ms{ $warnings }
build-failed = build failed: { $counts }; the previous output was left as it was
failed-io = error: { $error }
new-site-has-errors = nothing was written: fix the site first ({ $counts })

## blocpress explain

explain-unknown = no code `{ $code }`: write it as the message shows it, for example E012 or W003 (see docs/errors.md)
explain-wrong = Wrong:
explain-right = Right:
explain-fix = How to fix it:
