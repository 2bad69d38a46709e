## The words of the screens an editor meets (issue 29): the workspace's history page.
## Codes of this file, if any: E770–E779.

# One change, as the history page says it: the action, then what it changed (`history-kind`),
# then the item's name in quotes.
history-action = { $action ->
    [add] Added
    [delete] Deleted
    [upload] Uploaded
    [restore] Restored
    [form-issued] Downloaded a form:
    [form-imported] Imported a form:
   *[edit] Edited
}
history-kind = { $kind ->
    [news] news item
    [page] page
    [period] review text
    [meeting] meeting minutes
    [profile] member profile
    [figures] figures
    [registration] registration
    [scoring] scoring
    [awards] award proposals
    [photo] photo
   *[file] file
}
# A change of many files: their list is folded under this.
history-files-count = { $count ->
    [one] 1 file
   *[other] { $count } files
}

## The workspace's home page.
# Beside the publish button: the page of the latest publishing.
home-publish-status = See the latest publishing
