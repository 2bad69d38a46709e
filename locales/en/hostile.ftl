## Issue 22: hostile files are bounded (oversized images, active files, templates that eat memory, system errors). Codes E610–E659, W610–W629.

E610 = this image claims { $width }×{ $height } pixels (about { $megapixels } megapixels), over the limits of 100 megapixels and 20000 pixels a side: no photo is that large, so the file is damaged or made to bring the program down. Make the image smaller (8000 pixels a side is plenty) or use another one
E611 = processing this image takes about { $needed } MB of memory, more than images may use ({ $budget } MB, `images.memory` in site.yaml). Make the image smaller, or raise images.memory if the machine has the memory (for example images: {"{"} memory: 1 GB {"}"})
E612 = { $format } images cannot be published: blocpress cannot remove what such files carry besides the picture (the GPS position where it was taken, for one). Convert it to JPEG, PNG or WebP (open it and save it again) and change the extension in the text
E613 = images.memory `{ $value }` is not usable: write a number of megabytes, at least { $min }, for example 256 MB or 1 GB
E614 = { $error }
E620 = this SVG holds { $what } ({ $element }): opened on its own in a browser, it runs like a web page (which can change figures through the browser editor). Remove that part from the file, or save the drawing as PNG
E621 = this SVG is not well-formed XML here: a browser shows an error instead of the drawing, and blocpress cannot check what is inside. Export the SVG again from the drawing program, or save it as PNG
E622 = this is a file a browser opens as a web page or runs as a program (.html, .xhtml, .shtml, .js, XML with a style sheet…): next to content it is not published, since it could take over the browser editor. If it is really needed, put it in static/ (the site's owner answers for it); if it is a document, save it as PDF
E623 = a compressed SVG (.svgz) cannot be checked, so it is not published: save it as a plain .svg (or PNG)
E624 = this file or folder name holds control character { $char } (shown here as �): it is invisible but breaks web addresses and the atom.xml feed, so the file is not read. Rename it, typing the name again
E630 = template { $template } took more than { $mib } MiB of memory for page { $page } and was stopped: it builds a value that grows without end (for example a text joined to itself in a loop). Fix that loop in the template; the site published before is left as it was
W610 = tag `{ $tag }` differs from `{ $shown }` only by case or marks, so both are one tag shown as `{ $shown }`: write the tag the same way in every news item

image-truncated = the file stops before the image does: a copy or a download did not finish
image-corrupt = the data inside the image is damaged
image-not-an-image = the file is not a JPEG, PNG, WebP or GIF image, whatever its extension says
image-wrong-name = the extension does not match the kind of image (a GIF must end in .gif, and only a GIF may)
image-encoder = a resized copy of the image could not be written

io-reason-not-found = no such file or folder
io-reason-permission = permission denied
io-reason-no-space = the disk is full
io-reason-read-only = the disk is read-only
io-reason-busy = the file or folder is in use by another program
io-reason-name-too-long = the file name is too long
io-reason-is-folder = this is a folder, not a file
io-reason-not-folder = part of the path is a file, not a folder
io-reason-exists = a file or folder of that name exists already
io-reason-truncated = the file is cut short
io-reason-invalid-data = the data in the file cannot be read
io-reason-cross-device = the file cannot be moved to another disk
io-reason-link-loop = a symbolic link points in a loop
io-reason-too-many-open = too many files are open at once
io-reason-device = the disk reported a read or write error
io-reason-system = system error { $code }
io-reason-unknown = a read or write failed for an unknown reason

svg-active-element = an element that runs code or holds a whole page
svg-active-handler = an event handler (on…)
svg-active-reference = a reference to something outside the file
svg-unreadable = a place that cannot be read

serve-runaway = this rebuild was abandoned: a template never ended or took too much memory (the error below). The pages shown are the last good build; the next save rebuilds the whole site

io-cannot-read-file = cannot read { $path }
io-cannot-remove = cannot remove { $path }
io-cannot-create-lock = cannot create the lock file { $path }
io-cannot-lock = cannot lock { $path }
