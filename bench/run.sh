#!/usr/bin/env bash
# bench/run.sh — clean-build speed and peak memory of blocpress vs Hugo vs an I/O floor.
#
#   bench/run.sh                      # N = 1000 10000 50000 (as root on Debian: installs what is missing)
#   NS="1000 10000" bench/run.sh      # fewer sizes
#   SKIP_BLOCPRESS=1 bench/run.sh     # Hugo and the floor only
#
# Environment (all optional):
#   NS              sizes to measure                       default "1000 10000 50000"
#   WORK            scratch folder, should be tmpfs        default /dev/shm/blocpress-bench
#   RESULTS         where the table and raw JSON go        default bench/results
#   STAMP           name of the results files              default today's date (YYYY-MM-DD)
#   RUNS, WARMUP    hyperfine runs / warm-up runs          default 5 / 1 (3 / 1 when N > 10000)
#   RSS_RUNS        runs under /usr/bin/time -v (median)   default 3
#   BLOCPRESS       a prebuilt blocpress binary            default: cargo build --release
#   SKIP_BLOCPRESS  1 = measure Hugo and the floor only
#   SEED            generator seed                         default 20130621
#   KEEP            1 = keep the sites, outputs and logs in WORK; else they are removed on success
#   STRICT          0 = only warn when a tool's news page count is not N
set -euo pipefail

BENCH=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd -- "$BENCH/.." && pwd)
NS=${NS:-"1000 10000 50000"}
WORK=${WORK:-/dev/shm/blocpress-bench}
RESULTS=${RESULTS:-$BENCH/results}
STAMP=${STAMP:-$(date +%F)}
SKIP_BLOCPRESS=${SKIP_BLOCPRESS:-0}
BLOCPRESS=${BLOCPRESS:-}
SEED=${SEED:-20130621}
KEEP=${KEEP:-0}
STRICT=${STRICT:-1}
RSS_RUNS=${RSS_RUNS:-3}

if [[ -t 2 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold= plain=; fi
log() { printf '%s==> %s%s\n' "$bold" "$*" "$plain" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

[[ $RSS_RUNS =~ ^[1-9][0-9]*$ ]] || die "RSS_RUNS must be a positive integer"
for n in $NS; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "NS must be positive integers, got '$n' in NS=\"$NS\""
done

# ---------------------------------------------------------------- tools
missing=()
command -v hugo >/dev/null || missing+=(hugo)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v gcc >/dev/null || missing+=(gcc libc6-dev)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
    command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get: install them by hand"
    if [[ $EUID -eq 0 ]]; then
        sudo=()
    elif command -v sudo >/dev/null; then
        sudo=(sudo)
    else
        die "missing ${missing[*]}: run as root, or: apt-get install -y ${missing[*]}"
    fi
    log "installing ${missing[*]} from the Debian archive"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))' || die "python3 >= 3.9 needed (found $(python3 --version 2>&1))"

hugo_version=$(hugo version)
[[ $hugo_version == *v0.111.* ]] ||
    warn "the issue's baseline is Hugo 0.111 (Debian 12); found: $hugo_version"

if [[ $SKIP_BLOCPRESS == 1 ]]; then
    log "SKIP_BLOCPRESS=1: measuring Hugo and the floor only"
    BLOCPRESS=
elif [[ -n $BLOCPRESS ]]; then
    [[ -x $BLOCPRESS ]] || die "BLOCPRESS=$BLOCPRESS is not an executable file"
else
    if ! command -v cargo >/dev/null && [[ -x $HOME/.cargo/bin/cargo ]]; then
        PATH=$HOME/.cargo/bin:$PATH
    fi
    command -v cargo >/dev/null ||
        die "cargo not found: install Rust (https://rustup.rs), or set BLOCPRESS=/path/to/blocpress, or SKIP_BLOCPRESS=1"
    log "cargo build --release (in $REPO)"
    (cd "$REPO" && cargo build --release)
    BLOCPRESS=${CARGO_TARGET_DIR:-$REPO/target}/release/blocpress
    [[ -x $BLOCPRESS ]] || die "cargo build succeeded but $BLOCPRESS is missing"
fi
bp_force=()
if [[ -n $BLOCPRESS ]] && "$BLOCPRESS" build --help 2>&1 | grep -q -- '--force'; then
    bp_force=(--force)
fi

# ---------------------------------------------------------------- scratch space
mkdir -p "$WORK" "$RESULTS"
WORK=$(cd -- "$WORK" && pwd)
fstype=$(stat -f -c %T "$WORK")
[[ $fstype == tmpfs ]] || warn "$WORK is on $fstype, not tmpfs: the issue measures on tmpfs (/dev/shm)"
finished=0
cleanup() {
    if [[ $finished == 1 && $KEEP != 1 ]]; then
        # only what this script made: WORK itself may be a folder the user already had
        rm -rf -- "$WORK/sites" "$WORK/out" "$WORK/logs" "$WORK/floor" "$WORK/env.txt"
        rmdir -- "$WORK" 2>/dev/null || true
    elif [[ $finished != 1 ]]; then
        printf 'error: benchmark stopped; sites, outputs and logs are kept in %s\n' "$WORK" >&2
    fi
}
trap cleanup EXIT

# rough need: the two sites (~17 kB a news item) plus the three outputs of the largest N
max_n=0
for n in $NS; do if ((n > max_n)); then max_n=$n; fi; done
need_kb=$((max_n * 60))
avail_kb=$(df -Pk "$WORK" | awk 'NR == 2 { print $4 }')
((avail_kb > need_kb)) ||
    warn "$WORK has $((avail_kb / 1024)) MiB free; N=$max_n needs about $((need_kb / 1024)) MiB"

log "compiling the I/O floor (gcc -O2 bench/floor.c)"
gcc -O2 -o "$WORK/floor" "$BENCH/floor.c"

mkdir -p "$WORK/logs"
quote() { printf '%q ' "$@"; }

# ---------------------------------------------------------------- environment
env_file=$WORK/env.txt
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "CPU: $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) logical CPUs)"
    echo "memory: $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "kernel: $(uname -srm)"
    echo "OS: $( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || echo unknown)"
    echo "scratch: $WORK ($fstype)"
    echo "Hugo: $hugo_version"
    echo "hyperfine: $(hyperfine --version)"
    echo "gcc: $(gcc --version | head -n1)"
    echo "python3: $(python3 --version 2>&1)"
    if [[ -n $BLOCPRESS ]]; then
        rev=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
        [[ -z $(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null) ]] || rev="$rev (with uncommitted changes)"
        if [[ $BLOCPRESS == "${CARGO_TARGET_DIR:-$REPO/target}/release/blocpress" ]]; then
            echo "blocpress: $BLOCPRESS, built by cargo build --release at commit $rev"
        else
            echo "blocpress: $BLOCPRESS (prebuilt, BLOCPRESS=; the repository is at commit $rev)"
        fi
        echo "rustc: $(rustc --version 2>/dev/null || echo unknown)"
    else
        echo "blocpress: not measured (SKIP_BLOCPRESS=1)"
    fi
    echo "commands: hugo --quiet -s SITE/hugo -d OUT; blocpress build --root SITE/blocpress --output OUT ${bp_force[*]}; floor SITE/blocpress OUT"
    echo "generator: bench/gen_site.py --seed $SEED"
} >"$env_file"

# ---------------------------------------------------------------- measure
count() { find "$@" -type f 2>/dev/null | wc -l; }
# share of all CPUs busy over one second (from /proc/stat): other programs running now
cpu_busy() {
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; all = busy + y[2] - x[2];
        printf "%d", (all > 0 ? 100 * busy / all : 0) }'
}
quiet_check() {  # $1: label; appends to busy_log
    local busy
    busy=$(cpu_busy)
    busy_log+=("$1: $busy %")
    if ((busy > 10)); then
        warn "$busy % of the CPUs were busy with other programs just before $1: results will be noisy; run on a quiet machine"
    fi
}
busy_log=()
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for n in $NS; do
    site=$WORK/sites/n$n
    out=$WORK/out/n$n
    stamp_want="$(sha256sum "$BENCH/gen_site.py" | cut -c1-16) seed=$SEED n=$n"
    if [[ -f $site/.stamp && $(<"$site/.stamp") == "$stamp_want" ]]; then
        log "N=$n: reusing the sites in $site"
    else
        log "N=$n: generating the sites (bench/gen_site.py --news $n)"
        rm -rf -- "$site"
        python3 "$BENCH/gen_site.py" --news "$n" --out "$site" --seed "$SEED"
        echo "$stamp_want" >"$site/.stamp"
    fi

    tools=(hugo)
    declare -A cmd=()
    cmd[hugo]=$(quote hugo --quiet -s "$site/hugo" -d "$out/hugo")
    if [[ -n $BLOCPRESS ]]; then
        tools+=(blocpress)
        cmd[blocpress]=$(quote "$BLOCPRESS" build --root "$site/blocpress" --output "$out/blocpress" "${bp_force[@]}")
    fi
    tools+=(floor)
    cmd[floor]=$(quote "$WORK/floor" "$site/blocpress" "$out/floor")

    # RSS_RUNS clean runs of each under /usr/bin/time -v: checks that the tool works, counts its
    # pages and gives its peak RSS (the median of the runs: Go's GC makes Hugo's vary by ~10 %)
    rss_tsv=$RESULTS/$STAMP-n$n-rss.tsv
    : >"$rss_tsv"
    for t in "${tools[@]}"; do
        kibs=() walls=()
        for ((i = 1; i <= RSS_RUNS; i++)); do
            rm -rf -- "$out"
            mkdir -p "$out"
            tlog=$WORK/logs/n$n-$t.log
            ttime=$WORK/logs/n$n-$t-$i.time
            log "N=$n: $t — clean build under /usr/bin/time -v ($i/$RSS_RUNS)"
            if ! /usr/bin/time -v -o "$ttime" bash -c "exec ${cmd[$t]}" >"$tlog" 2>&1; then
                tail -n 30 "$tlog" >&2
                die "$t failed at N=$n (command: ${cmd[$t]}; full log: $tlog)"
            fi
            if ((i == 1)) && grep -qiE '^(warn|error)|WARN ' "$tlog"; then
                warn "$t printed warnings at N=$n:"
                grep -iE '^(warn|error)|WARN ' "$tlog" | head -n 10 >&2
            fi
            kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$ttime")
            wall=$(awk -F'): ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s }' "$ttime")
            [[ -n $kib && -n $wall ]] || die "could not read the /usr/bin/time -v output in $ttime"
            kibs+=("$kib") walls+=("$wall")
        done
        html=$(find "$out/$t" -type f -name index.html | wc -l)
        news=$(find "$out/$t/news" -mindepth 2 -maxdepth 2 -type f -name index.html 2>/dev/null | wc -l)
        files=$(count "$out/$t")
        kib=$(median "${kibs[@]}")
        wall=$(median "${walls[@]}")
        kib_min=$(printf '%s\n' "${kibs[@]}" | sort -g | head -n1)
        kib_max=$(printf '%s\n' "${kibs[@]}" | sort -g | tail -n1)
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$kib" "$wall" "$html" "$news" "$files" "$kib_min" "$kib_max" >>"$rss_tsv"
        printf '    %-9s %7d index.html (%d news pages), %7d files; %6.2f s, peak RSS %5d MiB (%d..%d)\n' \
            "$t" "$html" "$news" "$files" "$wall" $((kib / 1024)) $((kib_min / 1024)) $((kib_max / 1024)) >&2
        if ((news != n)); then
            msg="$t wrote $news news pages at N=$n (expected $n, one per news item, as $out/$t/news/<slug>/index.html)"
            [[ $STRICT == 0 ]] && warn "$msg" || die "$msg; STRICT=0 to go on anyway"
        fi
    done
    if [[ -n $BLOCPRESS ]]; then
        read -r h_html b_html < <(awk -F'\t' '$1 == "hugo" { h = $4 } $1 == "blocpress" { b = $4 } END { print h, b }' "$rss_tsv")
        log "N=$n: index.html pages — Hugo $h_html, blocpress $b_html"
        # the sites differ on purpose (blocpress also renders associations, reports and scoring),
        # but both must have every news item and their paginated lists
        if ((b_html * 4 < h_html * 3 || b_html * 3 > h_html * 4)); then
            warn "page counts differ by more than a third: Hugo $h_html, blocpress $b_html — compare $out/hugo and $out/blocpress (KEEP=1)"
        fi
    fi

    if [[ -n ${RUNS:-} ]]; then runs=$RUNS; elif ((n > 10000)); then runs=3; else runs=5; fi
    warmup=${WARMUP:-1}
    sleep 2  # let the machine settle after the runs above
    quiet_check "hyperfine N=$n"
    log "N=$n: hyperfine, $warmup warm-up + $runs runs of each, output removed before every run"
    hf=(hyperfine --warmup "$warmup" --runs "$runs" --export-json "$RESULTS/$STAMP-n$n.json"
        --prepare "$(quote rm -rf -- "$out") && $(quote mkdir -p "$out")")
    for t in "${tools[@]}"; do hf+=(-n "$t" "${cmd[$t]}"); done
    "${hf[@]}" || die "hyperfine failed at N=$n"

    [[ $KEEP == 1 ]] || rm -rf -- "$out"
    unset cmd
done

# ---------------------------------------------------------------- table
echo "other CPU load (share of CPUs busy during 1 s before each hyperfine): $(IFS=,; echo "${busy_log[*]}" | sed 's/,/, /g')" >>"$env_file"
log "results"
python3 "$BENCH/report.py" --results "$RESULTS" --stamp "$STAMP" --ns "$NS" --env "$env_file"
finished=1
if [[ $KEEP == 1 ]]; then log "kept sites, outputs and logs in $WORK"; fi
log "done: $RESULTS/$STAMP.md"
