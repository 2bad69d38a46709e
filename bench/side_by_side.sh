#!/usr/bin/env bash
# bench/side_by_side.sh — issue 26: one clean build of blocpress and one of Hugo, alternately,
# ROUNDS times, each under /usr/bin/time -v, with the load average before and after each run;
# then blocpress's stage times (BLOCPRESS_TIMINGS=1), the output's file counts (all files,
# pages, search files), what a search downloads (bench/search/query_bytes.py) and the I/O floor
# (bench/floor.c) on the same site.
#
#   bench/side_by_side.sh                      # N = 10,000, 5 rounds
#   N=100000 ROUNDS=1 SKIP_HUGO=1 bench/side_by_side.sh
#
# Environment: N (news items, default 10000), ROUNDS (default 5), WORK (scratch, tmpfs;
# default /dev/shm/blocpress-bench), BLOCPRESS (default target/release/blocpress), SEED,
# SKIP_HUGO=1. Needs hugo (Debian's 0.111), gcc, python3, /usr/bin/time.
# Compare figures within one run only, and only from a quiet machine (load average near 0
# before each run): other work on the same cores slows both tools, not equally.
set -euo pipefail
BENCH=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd -- "$BENCH/.." && pwd)
N=${N:-10000}
ROUNDS=${ROUNDS:-5}
WORK=${WORK:-/dev/shm/blocpress-bench}
BLOCPRESS=${BLOCPRESS:-$REPO/target/release/blocpress}
SEED=${SEED:-20130621}
SKIP_HUGO=${SKIP_HUGO:-0}
site=$WORK/n$N
out=$WORK/out-n$N
mkdir -p "$WORK"
[[ -x $BLOCPRESS ]] || { echo "no $BLOCPRESS: cargo build --release first" >&2; exit 1; }
if [[ ! -d $site/blocpress ]]; then
    python3 "$BENCH/gen_site.py" --news "$N" --out "$site" --seed "$SEED" >&2
fi
load() { cut -d' ' -f1 /proc/loadavg; }
# One clean run under /usr/bin/time -v: tool, wall s, user s, sys s, peak MiB, load before, after.
measure() {
    local tool=$1; shift
    rm -rf -- "$out/$tool"
    local before; before=$(load)
    /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/$tool.log"
    python3 - "$tool" "$before" "$(load)" "$WORK/time.txt" <<'PY'
import re, sys
tool, before, after, path = sys.argv[1:]
t = open(path).read()
get = lambda k: re.search(re.escape(k) + r": (.*)", t).group(1)
parts = [float(x) for x in get("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
print(f"{tool}\t{wall:.3f}\t{float(get('User time (seconds)')):.2f}\t"
      f"{float(get('System time (seconds)')):.2f}\t{int(get('Maximum resident set size (kbytes)')) / 1024:.1f}\t{before}\t{after}")
PY
}
runs=$WORK/runs-n$N.tsv
printf 'tool\twall s\tuser s\tsys s\tpeak MiB\tload before\tload after\n' | tee "$runs"
for ((r = 1; r <= ROUNDS; r++)); do
    measure blocpress "$BLOCPRESS" build --root "$site/blocpress" --output "$out/blocpress" | tee -a "$runs"
    if [[ $SKIP_HUGO != 1 ]]; then
        measure hugo hugo --quiet -s "$site/hugo" -d "$out/hugo" | tee -a "$runs"
    fi
done
python3 - "$runs" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
by = {}
for tool, wall, user, sys_, peak, *_ in rows:
    by.setdefault(tool, []).append((float(wall), float(user) + float(sys_), float(peak)))
med = {t: [statistics.median(v[i] for v in runs) for i in range(3)] for t, runs in by.items()}
print("\nmedians\ttool\twall s\tCPU s\tpeak MiB")
for t, (w, c, p) in med.items():
    print(f"\t{t}\t{w:.3f}\t{c:.2f}\t{p:.1f}")
if "hugo" in med:
    b, h = med["blocpress"], med["hugo"]
    print(f"\tblocpress ÷ Hugo\t{b[0] / h[0]:.3f}\t{b[1] / h[1]:.3f}\t{b[2] / h[2]:.3f}")
PY
echo
echo "stage times (BLOCPRESS_TIMINGS=1, one more clean build; load $(load)):"
rm -rf -- "$out/blocpress"
BLOCPRESS_TIMINGS=1 "$BLOCPRESS" build --root "$site/blocpress" --output "$out/blocpress" 2>&1 >/dev/null | grep '^timing'
echo
files=$(find "$out/blocpress" -type f | wc -l)
pages=$(find "$out/blocpress" -type f -name index.html | wc -l)
search=$(find "$out/blocpress/search" -type f ! -path "$out/blocpress/search/index.html" | wc -l)
search_mb=$(du -sm --apparent-size "$out/blocpress/search" | cut -f1)
echo "output: $files files, $pages pages (index.html), $search search files ($search_mb MB), search files ÷ pages = $(python3 -c "print(f'{$search / $pages:.3f}')")"
echo
python3 "$BENCH/search/query_bytes.py" "$out/blocpress" "hien mau" "dai hoi dai bieu" "phap ly mien phi" "Đại hội"
echo
gcc -O2 -o "$WORK/floor" "$BENCH/floor.c"
rm -rf -- "$out/floor"
measure floor "$WORK/floor" "$site/blocpress" "$out/floor"
