#!/usr/bin/env python3
"""Serve a built site with gzip, as a static host does, for the search measurement.

    python3 bench/search/serve_gzip.py DIR PORT

Standard library only. Every response of a text type is gzipped (level 6), so the browser's
`transferSize` is what a reader would download.
"""
import gzip
import http.server
import sys
from functools import partial

TEXT = (".html", ".json", ".js", ".css", ".xml", ".svg", ".txt", ".pf_meta", ".pf_index", ".pf_fragment")


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.translate_path(self.path.split("?")[0])
        import os
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            self.send_error(404)
            return
        with open(path, "rb") as f:
            body = f.read()
        already = body[:2] == b"\x1f\x8b"  # Pagefind's files are gzipped already
        if path.endswith(TEXT) and not already:
            body = gzip.compress(body, 6)
            already = True
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        if already:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    root, port = sys.argv[1], int(sys.argv[2])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=root))
    server.serve_forever()
