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
hint-none = { "" }
hint-try = {" "}(try `{ $word }`)


## Command summaries.

check-failed = check failed: { $counts }
check-passed = check passed: { $counts }
build-done = built { $files } files ({ $news } news) into { $output } in { $ms } ms{ $warnings }
build-failed = build failed: { $counts }; the previous output was left as it was
failed-io = error: { $error }
failed-system = error[E614]: { $error }
failed-usage = error: { $error }
io-cannot-create = cannot create { $path }: { $error }
io-cannot-write = cannot write { $path }: { $error }
new-site-has-errors = nothing was written: fix the site first ({ $counts })

## blocpress explain

explain-unknown = no code `{ $code }`: write it as the message shows it, for example E012 or W003 (see docs/errors.md)
explain-wrong = Wrong:
explain-right = Right:
explain-fix = How to fix it:

## blocpress new, init

new-title-empty = the news title is empty
new-title-no-letters = cannot make a file name from the title "{ $title }": it has no letters or digits
new-news-renamed = note: a news item named `{ $base }` already exists, so this one is `{ $slug }` (its URL: /news/{ $slug }/)
new-news-created = created a draft news item: write it, then set `draft: false` to publish it (preview drafts with `blocpress serve --drafts`)
new-news-too-many = too many news items named `{ $base }` in { $folder }
new-skipped = skipped { $path }: it already exists (left as it is)
new-period-done = period { $id }: { $created ->
    [one] 1 achievement file
   *[other] { $created } achievement files
} created, { $skipped } already there{ $note }
new-period-narrative-draft = ; the narrative { $path } is a draft until you set `draft: false`
new-period-send = send each association its file; empty values show as "not reported" until they are filled in
init-not-a-folder = { $dir } exists and is not a folder
init-has-site = { $dir } already holds a site (site.yaml exists); choose a new folder, or edit that site
init-has-content = { $dir } already holds content (content/ is not empty); choose a new folder
init-kept = kept the existing { $path } (not replaced)
init-done = created a new site in { $dir } ({ $files } files): a sample association, its figures for { $period }, that period's review, a news item and an about page
init-next = next: cd { $dir }; `blocpress serve` previews at http://127.0.0.1:1111, rebuilt on every change; `blocpress build` writes the site into public/; edit site.yaml first (title, base_url, metrics): every file explains its fields

## Pieces of diagnostics

url-reason-scheme = it must start with https:// or http://
url-reason-host = it has no valid host name
url-reason-plain = it must be a plain address, without `?`, `#`, spaces or `..`
what-news-item = news item
what-page = page
what-score = score of { $name } for { $id }
what-self-score = self-score of { $name } for { $id }
what-max = `max` of criterion { $id }
what-adjustment = adjustment of { $name }
expect-boolean = true or false
expect-whole-number = a whole number
expect-word = one of the allowed words, not a list or mapping
expect-text = text (a single value)
expect-value = a value, not an empty one
expect-list = a list such as [a, b]
expect-mapping = a mapping of keys and values (key: value)
open-quote = a quote
open-bracket = a list `[`
open-brace = a mapping `{"{"}`

## Diagnostics: files

E001 = cannot read the file: { $error }
E002 = file is { $size } MiB, larger than the { $limit } MiB limit for content files; split it or move it to static/
E003 = the file is saved as UTF-16; save it as UTF-8 (in Notepad: Save As → Encoding: UTF-8)
E004 = this looks like a binary file (it contains NUL bytes), not text; images and documents belong in static/
E005 = the file is not valid UTF-8 text (was it saved in a legacy encoding such as TCVN3 or VNI?); save it as UTF-8
E006 = symlink points outside the site folder (to { $target }); blocpress follows only symlinks that stay inside the site: copy the files into the site instead
E007 = broken symlink: it points to `{ $target }`, which does not exist; remove the link
E008 = symlink loop (through `{ $target }`): it leads back to itself; remove the link

## Diagnostics: YAML

E010 = unknown key `{ $key }`{ $hint } (allowed keys: { $allowed }; put free data under `extra`)
E011 = missing required key `{ $key }`
E012 = duplicate field `{ $key }`: a key may appear only once in a mapping; delete one of them
E013 = the YAML is nested too deeply (more than { $limit } levels of `[` or `{"{"}`); is a bracket never closed?
E014 = too many aliases (`*name`) expand here; write the values out
E015 = this line is indented with a Tab: YAML indentation must use spaces, not tabs
E016 = a value may not start with `@`, `` ` `` or `%` without quotes; put it in quotes
E017 = a value containing `: ` must be put in quotes, e.g. title: "Hội nghị: kết quả 6 tháng"
E018 = { $what } opened here is never closed; close it on the same line
E019 = the file holds more than one YAML document (a line `---` inside it?); keep one document per file
E020 = the number { $value } is too large
E021 = `{ $field }`: `{ $value }` is not allowed here; write one of: { $allowed }
E022 = `{ $field }`: expected { $expected }, not { $found }
E023 = `{ $field }`: { $detail }
E029 = the YAML cannot be read here (the parser says: { $detail }); check the indentation and the quotes of this line and the one above
E031 = `{ $value }` inside braces is read as two values (the comma separates them); write decimals with a dot: { $fixed }
E032 = `{ $written }`: add a space after the colon: { $fixed }
E033 = `{ $written }`: add a space after the dash of a list item: { $fixed }
E034 = `{ $key }`: this line is indented one step off: { $spaces ->
    [0] remove the spaces at its start, to line up with the line above
   *[other] indent it with { $spaces } spaces, like the line above
}

## Diagnostics: front matter, dates

E040 = file is empty: it needs front matter between two `---` lines
E041 = the file must start with a line `---`, then the front matter (title, date, …), then another `---`
E042 = the front matter is never closed: add a line `---` after it, before the text
E045 = `{ $value }` is not a valid date: write it year-month-day: { $fixed }
E046 = `{ $value }` is not a valid date: month { $month } of { $year } has only { $days } days{ $order ->
    [day-first] ; write dates year-month-day, for example the month's last day: { $fixed }
   *[iso] ; its last day is { $fixed }
}
E047 = `{ $value }` is not a valid date: write YYYY-MM-DD (for example 2013-06-21), or a time such as 2013-06-21T08:30:00+07:00
E048 = `{ $value }` is not a valid date: there is no month { $month }; write YYYY-MM-DD

## Diagnostics: names, addresses, site.yaml

E050 = the slug is empty: use lowercase letters a-z, digits and single hyphens, or leave `slug:` out
E051 = `{ $value }` is not a valid slug: use lowercase letters a-z, digits and single hyphens{ $hint }
E052 = cannot make a URL name from this file name; rename the file or set `slug:` in the front matter
E053 = the page URL `/{ $slug }/` is used by blocpress itself; choose another slug
E054 = this { $what } has the URL { $url }, like { $other }; give one of them another `slug:`
E055 = tag `{ $tag }` has no letters or digits to make a URL from
E056 = `{ $url }` uses the `{ $scheme }:` scheme; only http(s) links or paths on the site are allowed
E057 = website `{ $url }` must be a full address starting with https:// or http://
E058 = `{ $value }` is not an e-mail address
E059 = `{ $value }` is not a period id: write `YYYY-h1` (first six months), `YYYY-h2` (last six months) or `YYYY` (the year)
E060 = the file name must be a period id: `{ $name }` is not one; name it `YYYY-h1`, `YYYY-h2` or `YYYY`
E061 = no site.yaml in { $root } or its parent folders: run blocpress in a site folder, pass --root DIR, or create a site with `blocpress init DIR`
E062 = base_url `{ $value }`: { $reason }
E063 = news_per_page must be between 1 and 1000, not { $value }
E064 = theme `{ $theme }` must be a folder name under themes/ (lowercase letters, digits, hyphens)
E065 = `{ $key }` must not be empty
E066 = metric key `{ $key }` must start with a letter and use only lowercase a-z, 0-9 and `_` (for example `{ $fixed }`)
E067 = `{ $name }` is not an association{ $hint } (associations are the folders in content/associations/)
E068 = `{ $value }` is one text, not a list: write a list in brackets: { $fixed }
E069 = theme `{ $theme }` not found: there is no folder themes/{ $theme }/ (remove `theme:` to use the built-in theme)

## Diagnostics: associations and metrics

E070 = this association folder has no profile.yaml (it needs at least `name:`)
E071 = association folder name: { $reason }
E072 = an association folder holds profile.yaml and one file per period: `{ $name }` is not a period; name it `YYYY-h1.yaml`, `YYYY-h2.yaml` or `YYYY.yaml`
E073 = rename this file to end in `.yaml`
E074 = expected content/associations/<association>/profile.yaml or <period>.yaml
E075 = unknown metric `{ $key }`{ $hint } (define it under `metrics` in this association's profile.yaml or in site.yaml)
E076 = `{ $key }: { $value }` is a hexadecimal or octal number; write it in decimal digits
E077 = `{ $key }` is too large: figures may be at most 1000000000000000 (10^15)
E078 = `{ $key }` has more than { $decimals } decimals; round it (e.g. 95.5)
E079 = `{ $key }` must be a finite number
E080 = `{ $key }` is not a usable number; write it like 35 or 95.5
E081 = `{ $key }: { $value }` is read as text, not a number: write numbers without thousands separators and without quotes, e.g. `{ $key }: { $fixed }`
E082 = `{ $key }: { $value }` is read as text: write decimals with a dot and without quotes, e.g. `{ $key }: { $fixed }`
E083 = `{ $key }` must be a number, not the text "{ $value }"
E084 = `{ $key }` must be a number (like 35 or 95.5), not a list or mapping
E085 = expected a `.{ $expected }` file here; this file is not read (move it to static/ if it is an image or document)
E086 = pages must be directly in content/pages/, not in a sub-folder
W001 = metric `{ $key }` is also defined in site.yaml; this association's definition is used for it
W002 = `extra.sample` names `{ $key }`, which this file does not report
W003 = `{ $key }: { $value }` is read as the decimal number { $number } ({ $vietnamese } as Vietnamese writes it; YAML uses `.` for decimals); if you meant { $digits }, write `{ $key }: { $digits }` without the dot
W004 = only `.md` files are read in content/news/, and no news item links to this file: it is not published (link to it from a news item, for example ![Photo](anh.jpg), or delete it)
W005 = not a known place for content (news/, pages/, periods/, associations/, scoring/); this file is ignored

## Diagnostics: scoring

E090 = { $what } "{ $value }": write decimals with a dot, e.g. { $fixed }
E091 = { $what } must be a number such as 9.5
E092 = { $what } `{ $value }` is not a usable number
E093 = { $what } `{ $value }` is too large: points may be at most { $max }
E094 = { $what } `{ $value }` has more than two decimals; scores are kept to hundredths
E095 = a scoring file needs at least one group of criteria
E096 = criterion id `{ $id }` is used twice; each criterion needs its own id
E097 = `max` of criterion { $id } must be more than 0
E098 = criterion ids must be plain text such as "1.1"
E099 = unknown criterion `{ $id }`{ $hint }
E100 = a criterion id is empty; write one of the ids defined under `groups`
E101 = score { $score } of { $name } for criterion { $id } is out of range: it must be between 0 and { $max }
E102 = { $name } has no score for criterion { $ids }: every criterion needs a score
E103 = { $name } has an award but no scores
E104 = { $name } has adjustments but no scores

## Diagnostics: themes, output, links

E110 = template error: { $detail }
E111 = template error: { $detail } (while rendering { $page })
E112 = templates extend each other in a circle ({ $chain }); a template cannot extend itself
E113 = templates include each other in a circle ({ $chain }); a template cannot include itself
E114 = extends `{ $parent }`, which is neither in the theme nor built in
E115 = translation `{ $key }` must be text
E116 = cannot write the output file: { $error }
E117 = this static file would replace the generated page { $url }; rename or move it
E120 = link to `{ $path }`: there is no such content; the path is relative to content/, e.g. @/news/2013/x.md
E121 = link to `{ $path }`: that file is a draft (`draft: true`), so it is not published; publish it, remove the link, or preview with --drafts
E130 = there are no associations yet: create content/associations/<slug>/profile.yaml for each member first
E140 = `extra.sample` is { $value }, which means nothing: write `true` (the whole file is sample data), `false`, or a list of the metric keys that are sample data, such as [new_members, support_value]
E141 = `extra.sample` of a news item is { $value }, which means nothing: for a news item write `true` (a sample item) or `false`
W010 = link with the `{ $scheme }:` scheme removed: only http(s), mailto and tel links are allowed (or set markdown.unsafe_html: true)

## Usage errors

usage-base-url = --base-url: { $reason }
usage-help = How to write the command: { $command } --help
usage-unknown-command = there is no command “{ $word }”; the commands are build, check, serve, init, new, explain, sheet, workspace, user
usage-unknown-command-suggest = there is no command “{ $word }”; did you mean “{ $suggestion }”?
usage-unknown-option = this command has no option “{ $option }”
usage-unknown-option-suggest = this command has no option “{ $option }”; did you mean “{ $suggestion }”?
usage-unexpected = unexpected “{ $value }”: this command takes no such value (put a path with spaces in quotes)
usage-bad-value = “{ $value }” is not a valid value for { $option }
usage-bad-value-choices = “{ $value }” is not a valid value for { $option }; choose: { $choices }
usage-missing = the command is missing { $what }
usage-conflict = { $option } cannot be used with { $other }
usage-other = the command is not written right ({ $detail })

## blocpress serve

serve-cannot-open = cannot open the site folder { $path }: { $error }
serve-failed = the server cannot run: { $error }
serve-no-watch = warning: { $problem }; pages will not rebuild on change
serve-watch-problem = warning: { $problem }
serve-serving = serving { $root } at { $url } (Ctrl-C to stop)
serve-now-at = the site is now served at { $url }
serve-stopping = stopping…
serve-stopped = stopped
serve-bad-interface = --interface { $interface }: not an address this machine can listen on
serve-cannot-listen = cannot listen on { $address }: { $error }
serve-port-in-use = port { $port } on { $ip } is already in use (is another `blocpress serve` running?); stop it or pass --port with another number (--port 0 picks a free one)
serve-port-denied = not allowed to listen on port { $port } of { $ip }: ports below 1024 need special rights; pass --port 1111 or another number above 1023
serve-what-one = { $path }:{" "}
serve-what-many = { $path } and { $more } more:{" "}
serve-not-rebuilt = not rebuilt
serve-static-changed = static file changed, reloading pages
serve-nothing-to-render = nothing to re-render
serve-rerendered = re-rendered { $files } files in { $ms } ms
serve-no-page-changed = no page changed ({ $ms } ms)
serve-templates-changed = templates changed, re-rendered all { $files } files in { $ms } ms
serve-built = built { $files } files in { $ms } ms
serve-rebuilt = rebuilt the site, { $files } files in { $ms } ms
serve-errors-kept = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}: the last good build is still served; save a fix and it reloads
serve-errors-nothing = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}: nothing to serve yet; save a fix and the site appears
serve-errors-fixed = errors fixed

## The serve overlay over the page (livereload.js)

overlay-title = { $errors ->
    [one] The site has 1 error
   *[other] The site has { $errors } errors
}
overlay-note = The page shows the last version that built. Fix the file and save: this closes by itself.
overlay-close = Hide until the next change
overlay-explain = What this means and how to fix it
overlay-open = Show the line in the file
overlay-source-title = { $file }, line { $line }

## The output folder (build)

out-refuse-root = refusing to write the site to { $output }: choose a folder such as public/
out-refuse-site = refusing to write the site to { $output }: it holds the site itself (choose a folder inside it, such as public/)
out-refuse-inside = refusing to write the site to { $output }: it is inside the site's { $source }/ folder
out-refuse-holds = refusing to write the site to { $output }: it holds the site's { $source }/ folder ({ $resolved })
out-refuse-home = refusing to write the site to { $output }: it holds your home folder
out-refuse-cwd = refusing to write the site to { $output }: it holds the folder you are working in (choose a folder such as public/)
out-refuse-file = the output { $output } is a file, not a folder
out-refuse-project = refusing to replace { $output }: it holds `{ $found }`, so it looks like a site or a source folder, not a build output; choose another --output (even --force does not replace such a folder)
out-refuse-foreign = refusing to replace { $output }: it is not empty and was not written by blocpress (for example { $examples }). Move those files into static/, choose another --output, or pass --force to replace the folder anyway
out-refuse-foreign-marked = refusing to replace { $output }: it holds files blocpress did not write (for example { $examples }). Move those files into static/, choose another --output, or pass --force to replace the folder anyway
io-cannot-create-folder = cannot create { $path }
io-cannot-write-file = cannot write { $path }
out-cannot-restore = cannot restore the previous site from { $path }
out-cannot-remove-leftover = cannot remove the leftover { $path }
out-cannot-move = cannot move the new site to { $path }
out-cannot-keep-hidden = cannot move the previous build's hidden files into { $path }
out-cannot-keep = cannot keep { $path }
out-cannot-replace = cannot replace { $path }
out-cannot-remove-previous = cannot remove the previous build in { $path }
watch-limit = cannot watch { $path } for changes: the system's limit of watched folders is reached ({ $error }); raise it (for example `sudo sysctl fs.inotify.max_user_watches=524288`) and restart blocpress serve
watch-failed = cannot watch { $path } for changes: { $error }
watch-error = watching for changes: { $error }
watch-polling = warning: the system's limit of watched folders is reached; checking files every { $ms } ms instead (raise the limit with `sudo sysctl fs.inotify.max_user_watches=524288` for instant updates)

## More YAML line checks

E035 = `{ $written }` has no colon: write it as `key: value`, or delete the line
E036 = `{ $written }`: the quote closes before the end of the value; put the whole value in the other kind of quotes: { $fixed }
E037 = `{ $bracket }` closes nothing: delete it (or open it where the list begins)
E038 = `{ $written }` holds `: `, so it is read as a key and a value; put the whole text in quotes: { $fixed }
