## Photos and documents (issue 14): codes E400–E449, W400–W449.

E400 = link or image `{ $target }` points to a file the site does not have: copy the file into the folder { $folder }, or correct the path to the file's name
E401 = `{ $field }` points to `{ $target }`, a file the site does not have: copy the file into static/ or next to this file, or correct the path
E402 = this image cannot be read ({ $error }): the file is damaged or not a JPEG, PNG, WebP or GIF image; open it on a computer and save it again as JPEG, or use another photo
E403 = cannot write the processed image to the cache .blocpress-cache ({ $error }): check the site folder's permissions and free disk space
E404 = the document has no `{ $field }`: add a line `{ $field }: …` to its front matter
E405 = date `{ $value }` is not a date: write it as year-month-day, for example 2014-01-10
E406 = period `{ $value }` is not a period of the site: write its id, for example "2014" or "2014-h1"
E407 = `{ $value }` is not a member of the bloc: write the member's slug, the name of its folder in content/associations/
E410 = `{ $target }` leads out of the content folder: a file next to content must be inside content/ (a photo beside the news item, in a folder under it); copy the file there, or put it in static/ and write its path from /
E411 = this file would be published at { $url }, where { $other } is published already: rename one of the two
E412 = a { $format } image cannot be published: desktop browsers cannot show it, and the file still holds its GPS position; convert it to JPEG (on an iPhone: Settings > Camera > Formats > Most Compatible; photos sent through Zalo are JPEG already) and change the extension in the text to .jpg
W400 = the original photo weighs { $size }, over 5 MB: the site is built (photos are resized), but a smaller copy keeps the content folder light

## Image pipeline summary.

images-summary = Images: { $processed } processed, { $cached } reused from the cache

## Documents: names and places.

E408 = cannot make a web address from this file name: rename the file with letters, or set `slug:` in its front matter
E409 = another document already has the web address /documents/{ $slug }/: rename one of the two files
W401 = only `.md` files are read in content/documents/; this file is ignored (the PDF itself belongs in static/files/)
