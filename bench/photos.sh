#!/usr/bin/env bash
# bench/photos.sh — the image pipeline next to Hugo: 200 phone-sized JPEGs (12 MP, every
# fourth stored sideways with an EXIF orientation) used by 200 news items.
#
#   bench/photos.sh                 # generate, build, measure; results on stdout
#   N=50 bench/photos.sh            # fewer photos (quick look)
#   BLOCPRESS=path bench/photos.sh  # a prebuilt release binary
#   BIG=0 bench/photos.sh           # skip part 3 (the 10,000-news site)
#   SKIP_FIRST=1 bench/photos.sh    # skip part 1 (the first builds, several minutes)
#
#   HUGO=0 bench/photos.sh          # part 1 without Hugo (its run takes minutes)
#
# Measures:
#   1. first build with an empty image cache (wall, CPU and peak memory of each run, from
#      /usr/bin/time -v; RUNS runs each): blocpress vs Hugo producing the same widths
#      (480, 960, 1600, never wider than the photo) in WebP and JPEG (Hugo's cache emptied too);
#   2. second build (cache full) vs the same site without photos, runs interleaved A B A B …
#   3. the same at the scale the issue means: the BIG-news benchmark site of gen_site.py
#      (default 10,000) with N of its news items using the N photos (front-matter `image:`
#      and one image in the body), against the same site without photos; hyperfine, interleaved
#      (`--prepare` alternates nothing: the two commands are run in rounds A B A B by a loop).
# Photos are made with ImageMagick (a plasma fractal with grain, about 2 MB each); 20
# distinct pictures, each written 10 times with a different JPEG comment, so every file has
# its own bytes (and cache key) and costs a full decode and encode.
set -euo pipefail

BENCH=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd -- "$BENCH/.." && pwd)
N=${N:-200}
WORK=${WORK:-/dev/shm/blocpress-photos}
RUNS=${RUNS:-3}
PAIRS=${PAIRS:-15}
BIG=${BIG:-10000}
BIG_ROUNDS=${BIG_ROUNDS:-10}
SKIP_FIRST=${SKIP_FIRST:-0}

log() { printf '==> %s\n' "$*" >&2; }
command -v convert >/dev/null || { echo "needs ImageMagick (convert)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "needs hyperfine" >&2; exit 1; }

if [[ -z ${BLOCPRESS:-} ]]; then
    (cd "$REPO" && cargo build --release --quiet)
    BLOCPRESS=$REPO/target/release/blocpress
fi

mkdir -p "$WORK/base"
# ---------------------------------------------------------------- photos
if [[ ! -f $WORK/base/.done-$N ]]; then
    log "making 20 distinct 4000×3000 photos"
    for i in $(seq -w 1 20); do
        [[ -f $WORK/base/b$i.jpg ]] ||
            convert -seed "$i" -size 800x600 plasma:fractal -resize 4000x3000! \
                -attenuate 0.25 +noise Gaussian -quality 88 "$WORK/base/b$i.jpg"
    done
    log "writing $N photos (every fourth rotated by EXIF orientation 6)"
    python3 - "$WORK" "$N" <<'PY'
import os, struct, sys
work, n = sys.argv[1], int(sys.argv[2])
os.makedirs(f"{work}/photos", exist_ok=True)
def exif(orientation):
    tiff = b"MM\0\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1)
    tiff += struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack(">I", 0)
    body = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body
for k in range(1, n + 1):
    base = open(f"{work}/base/b{(k - 1) % 20 + 1:02d}.jpg", "rb").read()
    comment = f"photo {k}".encode()
    com = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    extra = exif(6 if k % 4 == 0 else 1)
    open(f"{work}/photos/p{k:03d}.jpg", "wb").write(base[:2] + extra + com + base[2:])
PY
    touch "$WORK/base/.done-$N"
fi

# ---------------------------------------------------------------- sites
make_site() { # $1 = folder, $2 = with photos (1/0)
    local dir=$1 photos=$2
    rm -rf "$dir" && mkdir -p "$dir/content/news" "$dir/static/images"
    printf 'title: Ảnh\nbase_url: https://example.org/\nlanguage: vi\nbloc:\n  province: Lai Châu\n' >"$dir/site.yaml"
    for k in $(seq -f %03g 1 "$N"); do
        if ((photos)); then
            cp "$WORK/photos/p$k.jpg" "$dir/static/images/"
            printf -- '---\ntitle: Tin có ảnh %s\ndate: 2014-01-01\nimage: /images/p%s.jpg\n---\nNội dung tin %s.\n\n![Ảnh %s](/images/p%s.jpg)\n' "$k" "$k" "$k" "$k" "$k" >"$dir/content/news/t$k.md"
        else
            printf -- '---\ntitle: Tin có ảnh %s\ndate: 2014-01-01\n---\nNội dung tin %s.\n' "$k" "$k" >"$dir/content/news/t$k.md"
        fi
    done
}
make_hugo() { # the same photos, the same widths and formats, through Hugo's image processing
    local dir=$1
    rm -rf "$dir" && mkdir -p "$dir/content/news" "$dir/assets/images" "$dir/layouts/_default"
    printf 'baseURL = "https://example.org/"\ntitle = "Ảnh"\n[imaging]\nquality = 80\nresampleFilter = "CatmullRom"\n' >"$dir/config.toml"
    cp "$WORK/photos/"p*.jpg "$dir/assets/images/"
    for k in $(seq -f %03g 1 "$N"); do
        printf -- '---\ntitle: Tin có ảnh %s\ndate: 2014-01-01\nimage: images/p%s.jpg\n---\nNội dung tin %s.\n' "$k" "$k" "$k" >"$dir/content/news/t$k.md"
    done
    cat >"$dir/layouts/_default/single.html" <<'HTML'
<!DOCTYPE html><html><body><h1>{{ .Title }}</h1>{{ .Content }}
{{ with resources.Get .Params.image }}{{ $img := . }}<picture>
{{ range slice 480 960 1600 }}{{ if le . $img.Width }}{{ $w := printf "%dx webp" . }}{{ $j := printf "%dx jpg" . }}
<source srcset="{{ ($img.Resize $w).RelPermalink }} {{ . }}w"><img src="{{ ($img.Resize $j).RelPermalink }}">{{ end }}{{ end }}
</picture>{{ end }}</body></html>
HTML
    printf '<!DOCTYPE html><html><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n' >"$dir/layouts/_default/list.html"
}

make_site "$WORK/photos-site" 1
make_site "$WORK/plain-site" 0
log "blocpress: $($BLOCPRESS --version 2>/dev/null || echo "$BLOCPRESS")"
echo "# photos: N=$N, $(du -sh "$WORK/photos" | cut -f1) of JPEGs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- 1. first build
# Each run under /usr/bin/time -v: wall, CPU and peak memory of the same run (a Hugo run takes
# minutes, so one measurement per run instead of a hyperfine pass plus a memory pass).
first_runs() { # $1 = name, $2 = prepare command, $3 = build command
    local name=$1 prepare=$2 build=$3
    for r in $(seq 1 "$RUNS"); do
        eval "$prepare"
        /usr/bin/time -v $build 2>"$WORK/first-$name-$r.time" >/dev/null || { tail "$WORK/first-$name-$r.time" >&2; exit 1; }
        log "$name run $r: $(grep -E 'Elapsed' "$WORK/first-$name-$r.time" | sed 's/.*: //') wall, load $(cut -d' ' -f1 /proc/loadavg)"
    done
    python3 - "$WORK" "$name" "$RUNS" <<'PY'
import statistics, sys
work, name, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
wall, cpu, rss = [], [], []
for r in range(1, runs + 1):
    v = {}
    for line in open(f"{work}/first-{name}-{r}.time"):
        key, _, value = line.strip().rpartition(": ")
        v[key] = value
    m, _, sec = v["Elapsed (wall clock) time (h:mm:ss or m:ss)"].rpartition(":")
    wall.append(float(sec) + 60 * sum(int(x) * 60 ** i for i, x in enumerate(reversed(m.split(":"))) if x))
    cpu.append(float(v["User time (seconds)"]) + float(v["System time (seconds)"]))
    rss.append(int(v["Maximum resident set size (kbytes)"]) / 1024)
print(f"first build, {name}: wall median {statistics.median(wall):.1f} s (runs {', '.join(f'{x:.1f}' for x in wall)}), "
      f"CPU median {statistics.median(cpu):.1f} s, peak RSS median {statistics.median(rss):.0f} MiB "
      f"(runs {', '.join(f'{x:.0f}' for x in rss)})")
PY
}
if [[ $SKIP_FIRST != 1 ]]; then
first_runs blocpress "rm -rf $WORK/photos-site/.blocpress-cache $WORK/out-bp" \
    "$BLOCPRESS build --root $WORK/photos-site --output $WORK/out-bp --force"
echo "blocpress output files: $(find "$WORK/out-bp" -name '*.webp' | wc -l) webp, $(find "$WORK/out-bp" -name '*.jpg' | wc -l) jpg"
if command -v hugo >/dev/null && [[ ${HUGO:-1} == 1 ]]; then
    make_hugo "$WORK/hugo-site"
    echo "# $(hugo version)"
    first_runs Hugo "rm -rf $WORK/hugo-cache $WORK/hugo-site/resources $WORK/out-hugo" \
        "hugo --quiet -s $WORK/hugo-site -d $WORK/out-hugo --cacheDir $WORK/hugo-cache"
    echo "Hugo output files: $(find "$WORK/out-hugo" -name '*.webp' | wc -l) webp, $(find "$WORK/out-hugo" -name '*.jpg' | wc -l) jpg"
else
    echo "# Hugo not installed (apt-get install hugo) or HUGO=0: first-build comparison skipped"
fi
fi

# ---------------------------------------------------------------- 2. second build, interleaved
$BLOCPRESS build --root "$WORK/photos-site" --output "$WORK/out-bp" --force >/dev/null 2>&1
python3 - "$BLOCPRESS" "$WORK" "$PAIRS" <<'PY'
import statistics, subprocess, sys, time
bp, work, pairs = sys.argv[1], sys.argv[2], int(sys.argv[3])
runs = {"photos (cache full)": [], "no photos": []}
sites = {"photos (cache full)": "photos-site", "no photos": "plain-site"}
for _ in range(pairs):
    for name, site in sites.items():
        start = time.perf_counter()
        subprocess.run([bp, "build", "--root", f"{work}/{site}", "--output", f"{work}/out-{site}", "--force"],
                       check=True, capture_output=True)
        runs[name].append(time.perf_counter() - start)
for name, times in runs.items():
    print(f"second build, {name}: median {statistics.median(times)*1000:.0f} ms, min {min(times)*1000:.0f} ms ({len(times)} runs, interleaved)")
a = statistics.median(runs["photos (cache full)"]); b = statistics.median(runs["no photos"])
print(f"second build with photos / without: {a / b:.3f}")
PY

# ---------------------------------------------------------------- 3. second build at BIG news
if ((BIG > 0)); then
    log "generating the $BIG-news benchmark site"
    python3 "$BENCH/gen_site.py" --news "$BIG" --out "$WORK/big-gen" >/dev/null
    rm -rf "$WORK/big-plain" "$WORK/big-photos"
    cp -a "$WORK/big-gen/blocpress" "$WORK/big-plain"
    cp -a "$WORK/big-gen/blocpress" "$WORK/big-photos"
    mkdir -p "$WORK/big-photos/static/images"
    cp "$WORK/photos/"p*.jpg "$WORK/big-photos/static/images/"
    # N news items spread evenly over the corpus get one photo each.
    python3 - "$WORK/big-photos" "$N" <<'PY'
import pathlib, sys
root, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
files = sorted((root / "content" / "news").rglob("*.md"))
step = len(files) / n
for k in range(n):
    f = files[int(k * step)]
    text = f.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    img = f"/images/p{k + 1:03d}.jpg"
    f.write_text(f"{head}\nimage: {img}{sep}{body.rstrip()}\n\n![Ảnh {k + 1}]({img})\n", encoding="utf-8")
PY
    # The cache is keyed by content and settings: part 2's entries serve the same photos here
    # (the index is per path, so this first build hashes each photo once, decodes none).
    [[ -d $WORK/photos-site/.blocpress-cache ]] && cp -a "$WORK/photos-site/.blocpress-cache" "$WORK/big-photos/"
    log "filling the image cache of the $BIG-news site"
    $BLOCPRESS build --root "$WORK/big-photos" --output "$WORK/out-big-photos" --force >/dev/null 2>&1
    $BLOCPRESS build --root "$WORK/big-plain" --output "$WORK/out-big-plain" --force >/dev/null 2>&1
    echo "# $BIG news: $(find "$WORK/out-big-photos" -type f | wc -l) files with photos, $(find "$WORK/out-big-plain" -type f | wc -l) without; load $(cut -d' ' -f1-3 /proc/loadavg)"
    with="$BLOCPRESS build --root $WORK/big-photos --output $WORK/out-big-photos --force"
    without="$BLOCPRESS build --root $WORK/big-plain --output $WORK/out-big-plain --force"
    # hyperfine runs its commands one after the other; rounds of one run each interleave them.
    for r in $(seq 1 "$BIG_ROUNDS"); do
        hyperfine --runs 1 --style none --export-json "$WORK/big-$r.json" -n photos "$with" -n plain "$without" >/dev/null
        echo "round $r: load $(cut -d' ' -f1 /proc/loadavg)" >&2
    done
    for name in photos plain; do
        n1=with; [[ $name == plain ]] && n1=without
        /usr/bin/time -v ${!n1} 2>"$WORK/big-$name.time" >/dev/null || true
    done
    python3 - "$WORK" "$BIG_ROUNDS" "$BIG" <<'PY'
import json, statistics, sys
work, rounds, big = sys.argv[1], int(sys.argv[2]), sys.argv[3]
t = {"photos": [], "plain": []}
for r in range(1, rounds + 1):
    for res in json.load(open(f"{work}/big-{r}.json"))["results"]:
        t[res["command"]].append(res["times"][0])
def rss(name):
    for line in open(f"{work}/big-{name}.time"):
        if "Maximum resident" in line:
            return int(line.split(":")[1]) / 1024
for name, label in (("photos", f"{big} news, 200 with photos (cache full)"), ("plain", f"{big} news, no photos")):
    v = t[name]
    print(f"second build, {label}: median {statistics.median(v)*1000:.0f} ms, mean {statistics.mean(v)*1000:.0f} ± {statistics.stdev(v)*1000:.0f} ms, min {min(v)*1000:.0f} ms, peak RSS {rss(name):.0f} MiB ({len(v)} runs, interleaved)")
ratio = [a / b for a, b in zip(t["photos"], t["plain"])]
print(f"with / without at {big} news: median of medians {statistics.median(t['photos'])/statistics.median(t['plain']):.3f}, min/min {min(t['photos'])/min(t['plain']):.3f}, median of per-round ratios {statistics.median(ratio):.3f}")
PY
fi
