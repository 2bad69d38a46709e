## Issue 17: reliability — two builds at once, runaway templates, characters XML forbids, Unicode forms.

E600 = another build is writing to this folder (lock { $lock }); waited { $seconds } s and it has not finished. Wait for it to end (or close the window running blocpress build), then run again
E601 = control character { $char } in the front matter (title, date, tags…); it is invisible but breaks the atom.xml feed. Word writes it for Shift+Enter and pastes carry it: delete that spot and type it again
W600 = { $count ->
    [one] replaced the control character { $char } in the text by a space
   *[other] replaced { $count } control characters (the first { $char }) in the text by spaces
  } (Word writes them for Shift+Enter); delete them from the file to keep it clean
E602 = the template { $template } ran longer than { $ms } ms for the page { $page } and was stopped: it has a loop that is too large or never ends (nested range loops, for example). Fix that loop in the template; the site published before stays as it was
E603 = the template { $template } wrote more than { $mib } MiB ({ $bytes } bytes) for the page { $page } and was stopped: a loop in it writes too much. Fix that loop in the template; the site published before stays as it was
E604 = criterion id { $id } is written without quotes, so YAML reads it as a number (1.10 becomes 1.1, the same as 1.1): write it in quotes, "{ $id }"
E605 = the site address { $url } holds a user name or password (the part before @): it would be published in every page and in atom.xml. Remove the "name:password@" part and keep a plain address such as https://thidua.laichau.gov.vn/khoi/
E606 = this static file lies inside the output folder { $output } (through a symlink); copying it would nest the output in itself one level deeper at every build. Remove that symlink from static/
E607 = cannot read this static file ({ $error }); check that it may be read (or copy it again), then run again
