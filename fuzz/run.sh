#!/usr/bin/env bash
# Runs blocpress's fuzz targets one after the other, each for a bounded time.
#
#   fuzz/run.sh                 # every target, 600 s each
#   fuzz/run.sh 60              # every target, 60 s each
#   fuzz/run.sh 600 markdown    # one target
#
# Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly --profile minimal
#   cargo install cargo-fuzz
# The corpus grows in fuzz/corpus/<target>/ (seeded from fuzz/seeds/<target>/); crashes land
# in fuzz/artifacts/<target>/ and make the script exit 1. Reproduce one with
#   cargo +nightly fuzz run <target> fuzz/artifacts/<target>/<file>
set -euo pipefail

seconds="${1:-600}"
shift || true
here="$(cd "$(dirname "$0")" && pwd)"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(front_matter_yaml markdown sheet_import)
fi
# Inputs larger than real files are not interesting, only slow (blocpress refuses files
# over 1 MiB before parsing anyway). A form's XML parts take some 25 KB.
max_len=16384
# FUZZ_JOBS=2 runs two processes per target (their logs go to fuzz-<n>.log).
jobs="${FUZZ_JOBS:-1}"
parallel=()
if [ "$jobs" -gt 1 ]; then
    parallel=(-jobs="$jobs" -workers="$jobs")
fi

cd "$here/.."
status=0
for target in "${targets[@]}"; do
    length=$max_len
    case "$target" in
        front_matter_yaml) dict="$here/yaml.dict" ;;
        markdown) dict="$here/markdown.dict" ;;
        sheet_import) dict="$here/xlsx.dict"; length=32768 ;;
        *) echo "unknown target: $target" >&2; exit 2 ;;
    esac
    mkdir -p "$here/corpus/$target" "$here/artifacts/$target"
    if ! cargo +nightly fuzz build --fuzz-dir "$here" "$target"; then
        echo "!! $target does not build" >&2
        exit 2
    fi
    echo "== $target: ${seconds}s"
    # -timeout: one input taking 10 s is a hang; -rss_limit_mb: an input needing 2 GiB is a bomb.
    if ! cargo +nightly fuzz run --fuzz-dir "$here" "$target" \
        "$here/corpus/$target" "$here/seeds/$target" -- \
        -max_total_time="$seconds" -max_len="$length" -timeout=10 -rss_limit_mb=2048 \
        -dict="$dict" -print_final_stats=1 "${parallel[@]}"; then
        echo "!! $target found a problem: see $here/artifacts/$target/" >&2
        status=1
    fi
done
exit $status
