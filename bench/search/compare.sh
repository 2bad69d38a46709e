#!/usr/bin/env bash
# Our search index beside Pagefind's on the benchmark sites: index size on disk (and gzipped, as
# served), and what one search transfers and how soon its first results show, in Chromium.
#
#   bench/search/compare.sh                 # N = 1000 10000 50000
#   NS="1000 10000" bench/search/compare.sh
#
# Needs: a release build (target/release/blocpress), node + `npm install pagefind@1
# playwright-core@1.49.1` in $TOOLS (default /tmp/pagefind-bench), chromium, python3.
# Sites and outputs go to $WORK (default /dev/shm/blocpress-search).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
NS="${NS:-1000 10000 50000}"
WORK="${WORK:-/dev/shm/blocpress-search}"
TOOLS="${TOOLS:-/tmp/pagefind-bench}"
QUERIES=("hien mau" "dai hoi dai bieu" "phap ly mien phi" "Đại hội")
mkdir -p "$WORK" "$TOOLS"
[ -x "$TOOLS/node_modules/.bin/pagefind" ] || (cd "$TOOLS" && npm init -y >/dev/null && npm install pagefind@1 playwright-core@1.49.1 >/dev/null)
cp "$here/measure.mjs" "$TOOLS/"
gz() { # total gzipped bytes of the files under $1 (Pagefind's are gzipped already)
  python3 - "$1" <<'PY'
import gzip, os, sys
total = raw = files = 0
for d, _, names in os.walk(sys.argv[1]):
    for n in names:
        b = open(os.path.join(d, n), "rb").read()
        files += 1; raw += len(b)
        total += len(b) if b[:2] == b"\x1f\x8b" else len(gzip.compress(b, 6))
print(f"{files} files, {raw/1048576:.1f} MB on disk, {total/1048576:.1f} MB gzipped")
PY
}
port=8790
for n in $NS; do
  site="$WORK/$n"
  [ -d "$site/blocpress" ] || python3 "$repo/bench/gen_site.py" --news "$n" --out "$site" >/dev/null
  rm -rf "$site/out"
  "$repo/target/release/blocpress" build --root "$site/blocpress" --output "$site/out" >/dev/null
  echo "== N=$n"
  echo "blocpress search/: $(gz "$site/out/search")"
  /usr/bin/time -f "pagefind: %e s wall, %M KB peak" "$TOOLS/node_modules/.bin/pagefind" --site "$site/out" \
    --root-selector main --glob "{news/*/index.html,*/index.html,associations/*/index.html,reports/*/index.html}" 2>&1 >/dev/null | tail -1
  echo "pagefind/: $(gz "$site/out/pagefind")"
  mkdir -p "$site/out/pf-search" && cp "$here/pagefind.html" "$site/out/pf-search/index.html"
  python3 "$here/serve_gzip.py" "$site/out" $port & server=$!
  sleep 1
  echo "blocpress queries:"; node "$TOOLS/measure.mjs" "http://127.0.0.1:$port/search/" "${QUERIES[@]}"
  echo "pagefind queries:"; node "$TOOLS/measure.mjs" "http://127.0.0.1:$port/pf-search/" "${QUERIES[@]}"
  kill $server
  port=$((port + 1))
done
