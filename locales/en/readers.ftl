## Readers: old URLs (aliases), corrections (updated).

E500 = old URL `{ $alias }` cannot be used: write a path on the site starting with `/`, made of letters, digits and `-`, for example /news/old-name/
E501 = old URL `{ $alias }` is the page { $page }, which exists: remove it from `aliases`, or that page would be replaced by a redirect
E502 = old URL `{ $alias }` is already an alias in { $other }: an old URL can lead to one item only; remove it from one of the two files
E503 = `updated` date `{ $value }` is not valid: write YYYY-MM-DD, for example 2013-06-25
E504 = `updated` ({ $updated }) is before the publication `date` ({ $date }): a correction comes on or after the day of publication
E505 = old URL `{ $alias }` is in a place blocpress keeps { $what }: remove it from `aliases`
E506 = old URL `{ $alias }` is the file { $file } of the site: remove it from `aliases`, or that file would be replaced by a redirect

reserved-hidden = for the output folder's hidden files (names starting with a dot, such as .git, .nojekyll)
reserved-admin = for the editor at /admin/
reserved-feed = for the Atom feeds (atom.xml)
reserved-sitemap = for the sitemap (sitemap.xml)
reserved-robots = for robots.txt
reserved-notfound = for the not-found page (404.html)
reserved-search = for search at /search/
