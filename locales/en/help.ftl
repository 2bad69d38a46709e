# The words of `--help` (src/help.rs). `help-<command>` describes a command (`help-sheet-export`
# for `blocpress sheet export`); `help-<command>--<argument>` an argument of that command;
# `help--<argument>` an argument that reads the same in every command. Defaults that clap would
# print are written into the text.

help-heading-usage = Usage:
help-heading-commands = Commands
help-heading-arguments = Arguments
help-heading-options = Options
help-value-options = OPTIONS
help-value-command = COMMAND
help-value-dir = DIR
help-value-url = URL
help-value-addr = ADDR
help-value-n = N
help-value-lang = LANG
help-value-file = FILE
help-value-period = PERIOD
help-value-title = TITLE
help-value-id = ID
help-value-listen = ADDR:PORT
help-value-name = NAME
help-value-role = ROLE
help-value-code = CODE

help-blocpress = Static site generator for an emulation bloc (khối thi đua): news, members' figures, six-month reviews and scoring
help-build = Render the site into the output folder (default: ROOT/public)
help-check = Load and validate everything, write nothing; exit 1 if there are errors
help-serve = Build, serve on 127.0.0.1:1111, rebuild on change and reload open pages
help-init = Create a new site in DIR that builds as it is
help-new = Create a news item, a period's achievement files, a meeting's minutes or a year's awards proposal
help-new-news = A dated news file with front matter ready to fill
help-new-period = An achievement file for every association for period ID (YYYY-h1, YYYY-h2 or YYYY)
help-explain = Explain a message code (E012, W003): what it means, a wrong and a right example, the fix
help-sheet = Spreadsheets: send forms out to the members, read their returns in
help-sheet-export = One .xlsx form per member for PERIOD (or, with --scoring, the scoring grid)
help-sheet-import = Read returned forms into content/ (all checked first; nothing is written if one is refused)
help-help = Print the help of blocpress or of the given command (blocpress help sheet export)

help--help = Print help
help--version = Print version
help--lang = The language of messages: vi or en (default: BLOCPRESS_LANG, then the site's language)
help--root = The site folder, the one holding site.yaml (default: the current folder or the nearest parent folder that holds one, like git)
help--drafts = Include items marked `draft: true`
help-build--output = Where to write the site (default: ROOT/public)
help-build--base-url = Publish under this address instead of site.yaml's base_url
help-build--force = Replace an output folder that holds files blocpress did not write
help-check--drafts = Also check items marked `draft: true`
help-serve--interface = The address to listen on (default: 127.0.0.1, this computer only)
help-serve--port = The port to listen on (default: 1111; 0 picks a free port and prints it)
help-serve--poll = Check the files for changes every 500 ms instead of relying on the system's notifications (for network or shared folders that send none)
help-init--dir = The folder to create the site in (created if missing; must not hold a site already)
help-new-news--title = The news title, e.g. "Hội nghị sơ kết 6 tháng đầu năm"
help-new-period--id = The period id: 2014-h1, 2014-h2 or 2014
help-explain--code = The code, as printed in the message (E012, e012 or 012)
help-sheet-export--period = The period id: 2014-h1, 2014-h2 or 2014
help-sheet-export--scoring = The scoring grid (criteria × members) instead of the members' forms
help-sheet-export--out = Where to write the forms (default: ROOT/sheets/PERIOD)
help-sheet-export--force = Replace forms that are already in the folder
help-sheet-import--files = The returned .xlsx files (in any order, named as you like), a folder holding them (nhan-ve), or a quoted pattern ("nhan-ve/*.xlsx")
help-sheet-import--dry-run = Show what would change; write nothing
help-help--command = The command to explain (sheet export)

help-workspace = Run the bloc's shared workspace: the secretary and the members sign in with a browser to enter figures, edit news and publish (default: http://127.0.0.1:8080)
help-workspace--listen = The address and port to listen on (default: 127.0.0.1:8080)
help-workspace--publish = Where the site is written when the secretary publishes (default: ROOT/public)
help-workspace--https = The workspace is reached over HTTPS (behind a reverse proxy): cookies are sent over HTTPS only
help-user = The workspace's accounts: add, list, remove, change a password
help-user-add = Add an account (asks for the password twice, without showing it)
help-user-add--name = The sign-in name: lowercase ASCII letters, digits, dot, underscore, hyphen
help-user-add--role = The role: secretary, editor or member:<slug> (one member)
help-user-add--password-stdin = Read the password from the first line of standard input (for scripts)
help-user-list = List the accounts and their roles (never the passwords)
help-user-remove = Remove an account
help-user-remove--name = The sign-in name to remove
help-user-passwd = Set a new password for an account
help-user-passwd--name = The sign-in name whose password changes
help-user-passwd--password-stdin = Read the new password from the first line of standard input (for scripts)
