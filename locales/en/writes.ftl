## Writing into the site's content: the one writer, its journal, version-checked saves (E460–E499, W460–W469).

E460 = this file was saved (in another window or by someone else) after it was opened for editing, so this save was not written, to keep that change. Copy what you just changed, reload the page (F5) to see the latest version, then edit and save again
E461 = this file already exists, so it is not replaced: a new entry or a renamed one never takes the place of an existing one. Choose another title (or name) and save again
E462 = the admin page does not know which version of this file you are editing (blocpress serve may have been restarted), so nothing was written, to keep a newer version. Copy what you changed, reload the page (F5), then edit and save again
E463 = blocpress does not write to this path: it leaves the site folder, passes through a symbolic link or is hidden
E464 = another write into the site is running (lock { $lock }); waited { $seconds } seconds. Wait for it to finish, then try again
E465 = cannot write ({ $error }); no file was changed. Check that the disk has free space and that you may write there, then try again
E466 = cannot finish the write ({ $error }); the next blocpress command will finish it. Check the disk and permissions, then run `blocpress check`
E467 = cannot read this journal of an interrupted write ({ $error }); look at the files it names, fix them by hand if needed, then delete the journal file
E468 = { $count ->
    [one] this file was not deleted
   *[other] { $count } files were not deleted (this is the first)
  }, because the site would then fail its check (usually another news item or page links to it, or shows this image). Fix the places below first, then delete
E469 = “{ $key }: { $value }” is an amount in đồng, which has no fraction; { $fix }
E470 = cannot copy the new site into the output folder ({ $error }); the published site is unchanged, no file was replaced. Free some space (both versions must fit while the files are replaced), then run again
E471 = cannot replace the files of the output folder ({ $error }); the previous site was put back whole. Check permissions and free space, then run again
E472 = cannot replace the files of the output folder ({ $error }) nor put all of the previous site back; the next blocpress build puts it back before it builds. Fix the cause and run again now
W460 = the previous write was interrupted after it was checked: finished writing { $count ->
    [one] { $files }
   *[other] { $count } files: { $files }
  }
W461 = the previous write was interrupted before it wrote anything: undone, { $count ->
    [one] { $files } is as it was
   *[other] { $count } files are as they were: { $files }
  }
W462 = this file was edited by hand after the previous write was interrupted: the hand edit is kept, not replaced by the interrupted write
W463 = saved from the admin page: the comments (# …) inside “{ $key }” could not be kept because that part had to be rewritten; the rest of the file keeps its comments

## Numbers typed the Vietnamese way (12.500.000; 95,5) in the browser editor: read as meant, or refused with the reason.

fix-write-digits = if you mean { $digits } đồng, write it without dots: { $digits }
fix-write-whole-dong = write the whole number of đồng, without dots or a fraction, e.g. 12500000 (twelve and a half million)
E480 = “{ $value }” is not a number: type digits, dots between thousands and a comma before decimals, e.g. 12.500.000 or 95,5
E481 = “{ $value }” could be { $thousands } or { $decimal }: type { $thousands } (without the dot) or { $decimal } (a comma before the decimals)
E482 = { $label } takes whole numbers only: “{ $value }” has a fraction{ $dong ->
    [yes] {" "}(an amount in đồng has none)
   *[no] {""}
  }. Type a whole number, e.g. 12.500.000
E483 = “{ $value }” is outside the range of { $label }: from { $min } to { $max }
