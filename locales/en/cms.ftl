## Editing in the browser (/admin/): the `cms:` settings and saves from the admin page.

E450 = cms.backend “{ $value }” is not supported: only `backend: github` is available
E451 = cms.repo “{ $value }” is not a GitHub repository name: write OWNER/NAME, e.g. `khoi-thi-dua/trang-khoi`
E452 = cms.branch “{ $value }” is not a valid branch name: write a branch such as `main`
E453 = cannot write the admin page's files: { $error }
E454 = the admin page may not read or write “{ $path }”: it edits only news, pages, period narratives, figures, member profiles, registrations, scoring files and uploads in static/images/ (png, jpg, gif, webp, avif images or pdf files)
E455 = there is no member “{ $member }” in content/associations/: create its profile folder first, then enter its figures
E456 = the upload is larger than { $limit } MB: make the image smaller (about 1600 pixels wide is enough) and upload it again
E457 = the file is larger than { $limit } MB: split the content into smaller files
E458 = the request to the admin page lacks or has a wrong “{ $param }”: reload the admin page (F5) and try again
E459 = `{ $value }` is not a real date: type it day/month/year, for example { $example }

## Messages of the admin page (not content errors).

cms-not-saved = Not saved: the file would fail the check. Fix the following, then press Save again:
cms-no-config = Cannot build the admin page's configuration because site.yaml has errors: run `blocpress check` to see and fix them.
cms-loopback-only = Editing works only on the machine running blocpress serve (open http://127.0.0.1:… on that machine).
cms-foreign-origin = Refused: the request does not come from this machine's admin page.
cms-not-json = The request to the admin page is not JSON.
