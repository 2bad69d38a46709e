#!/usr/bin/env python3
"""What one search downloads from a built site, without a browser: the files
`static/search.js` fetches for a query (the search page and its script, search/index.json, the
word-list chunks that can hold each word, the result bundles of the ten best results and their
pages, whose text the snippets are cut from), each gzipped at level 6 as a static host serves it.
Ranked the way the script ranks. The last prefix only: the browser measurement
(bench/search/measure.mjs) also counts the chunks of the prefixes typed on the way.

    python3 bench/search/query_bytes.py OUT "dai hoi" "hien mau" ...
"""
import gzip
import json
import os
import sys
import unicodedata


def fold(text):
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return "".join(c if c.isascii() and c.isalnum() else " " for c in text).split()


def main():
    out, queries = sys.argv[1], sys.argv[2:]
    read = lambda rel: open(os.path.join(out, rel), "rb").read()
    meta = json.loads(read("search/index.json"))
    firsts, per_bundle = meta["c"], meta["b"]
    print("query\tresults\tfiles\tgzipped KB\tof which pages KB")
    for query in queries:
        files = ["search/index.html", "search.js", "search/index.json"]
        sets = []
        for word in fold(query):
            at = max([i for i, f in enumerate(firsts) if f <= word], default=0)
            chunks = [at] + [
                i for i in range(at + 1, len(firsts)) if firsts[i].startswith(word)
            ][:3]
            found = {}
            for n in chunks:
                path = f"search/c/{n}.json"
                if path not in files:
                    files.append(path)
                for w, postings in json.loads(read(path)).items():
                    if not w.startswith(word):
                        continue
                    exact = 1 if w == word else 0
                    for lst, weight in ((postings[0], 3 + exact), (postings[1], 1 + exact)):
                        i = 0
                        for d in lst:
                            i += d
                            found[i] = max(found.get(i, 0), weight)
            sets.append(found)
        hits = [
            (i, sum(s[i] for s in sets)) for i in sets[0] if all(i in s for s in sets)
        ] if sets else []
        hits.sort(key=lambda h: (-h[1], h[0]))
        pages = []
        for i, _ in hits[:10]:
            path = f"search/r/{i // per_bundle}.json"
            card = json.loads(read(path))[i % per_bundle]
            if path not in files:
                files.append(path)
            page = card["u"].lstrip("/") + "index.html"
            # Under a sub-path (base_url with a path), strip it: the output has no such folder.
            while not os.path.exists(os.path.join(out, page)) and "/" in page:
                page = page.split("/", 1)[1]
            if page not in pages:
                pages.append(page)
        size = lambda rel: len(gzip.compress(read(rel), 6))
        total = sum(size(f) for f in files) + sum(size(p) for p in pages)
        page_bytes = sum(size(p) for p in pages)
        print(f"{query}\t{len(hits)}\t{len(files) + len(pages)}\t{total / 1024:.1f}\t{page_bytes / 1024:.1f}")


if __name__ == "__main__":
    main()
