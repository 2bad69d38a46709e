#!/usr/bin/env bash
# bench/serve/run.sh — live-preview speed of `blocpress serve`: save → rebuild done and
# save → page reloaded in headless Chromium, on the example site and on synthetic sites of N news
# items (bench/gen_site.py), for a news edit, a template edit, a new and a deleted news file and
# an edited achievement figure.
# Prints one JSON line per measurement (see bench/serve/README.md for the fields).
#
#   bench/serve/run.sh                         # example site and 10,000 news
#   NS="1000 10000" RUNS=20 bench/serve/run.sh
#
# Environment (optional): NS (default 10000), RUNS (default 10), CHANGES (default
# "news template new delete data"), WORK (scratch folder, default
# /dev/shm/blocpress-serve-bench), BLOCPRESS (a prebuilt binary; default: cargo build --release),
# CHROME_PATH (default /usr/bin/chromium).
set -euo pipefail
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd -- "$HERE/../.." && pwd)
NS=${NS:-10000}
RUNS=${RUNS:-10}
CHANGES=${CHANGES:-news template new delete data}
WORK=${WORK:-/dev/shm/blocpress-serve-bench}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

if [[ -z "${BLOCPRESS:-}" ]]; then
  (cd "$REPO" && cargo build --release --quiet)
  BLOCPRESS=$REPO/target/release/blocpress
fi
[[ -d "$REPO/tests/browser/node_modules/playwright-core" ]] ||
  (cd "$REPO/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)
mkdir -p "$WORK"

# A copy of the example site: the benchmark edits the files it serves.
example=$WORK/example
rm -rf -- "$example"
mkdir -p "$example"
cp -r "$REPO/site.yaml" "$REPO/content" "$example/"
for dir in static themes; do
  if [[ -d "$REPO/$dir" ]]; then cp -r "$REPO/$dir" "$example/"; fi
done
for change in $CHANGES; do
  node "$HERE/bench.mjs" --binary "$BLOCPRESS" --site "$example" --runs "$RUNS" \
    --label example --change "$change"
done

for n in $NS; do
  gen=$WORK/n$n
  [[ -f "$gen/blocpress/site.yaml" ]] || python3 "$REPO/bench/gen_site.py" --news "$n" --out "$gen" >&2
  for change in $CHANGES; do
    node "$HERE/bench.mjs" --binary "$BLOCPRESS" --site "$gen/blocpress" --runs "$RUNS" \
      --label "news-$n" --change "$change"
  done
done
