#!/usr/bin/env bash
# Build benchmark: irsite (release) side by side with Hugo on the same synthetic content.
#
#   benches/run.sh                 # N = 1,000, 5,000, 10,000 per language, 200 charts, the real site
#   SIZES="1000 5000" RUNS=3 benches/run.sh
#   NO_HUGO=1 benches/run.sh       # irsite only
#
# Environment:
#   SIZES      pages per language, space separated          (default "1000 5000 10000")
#   CHARTS     charts of the chart case, on a 1,000-page site (default 200; 0 skips it)
#   RUNS       runs per case; the median is reported          (default 5)
#   BENCH_DIR  where sites and outputs go                      (default /tmp/irsite-bench)
#   OUT_DIR    where outputs go (default $BENCH_DIR/out); /dev/shm/… takes the disk's
#              inode allocation out of the figures
#   NO_HUGO    set to skip Hugo
#   CARGO_TARGET_DIR is respected for the release build.
#
# Every run starts from an empty output folder, removed and synced outside the timing, for every
# tool.
# Wall time is measured around the whole process; peak RSS comes from `/usr/bin/time -v`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZES="${SIZES:-1000 5000 10000}"
CHARTS="${CHARTS:-200}"
RUNS="${RUNS:-5}"
BENCH_DIR="${BENCH_DIR:-/tmp/irsite-bench}"
OUT_DIR="${OUT_DIR:-$BENCH_DIR/out}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (/usr/bin/time)…" >&2
    apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi
HUGO=""
if [ -z "${NO_HUGO:-}" ]; then
    if ! command -v hugo >/dev/null 2>&1; then
        echo "installing hugo (Debian package)…" >&2
        apt-get install -y -qq hugo >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hugo >/dev/null; } || true
    fi
    HUGO="$(command -v hugo || true)"
    [ -n "$HUGO" ] || echo "hugo is not available: irsite only" >&2
fi

echo "building irsite (release)…" >&2
(cd "$ROOT" && cargo build --release --quiet)
IRSITE="$TARGET/release/irsite"

mkdir -p "$BENCH_DIR/sites" "$OUT_DIR"

# One timed run: prints "wall_seconds peak_rss_kib".
measure() {
    local out="$1"; shift
    rm -rf "$out"
    sync
    local log="$BENCH_DIR/time.log"
    local t0 t1
    t0=$(date +%s%N)
    if ! /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$BENCH_DIR/run.err"; then
        echo "command failed: $*" >&2
        cat "$BENCH_DIR/run.err" >&2
        exit 1
    fi
    t1=$(date +%s%N)
    local rss
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    echo "$(( (t1 - t0) / 1000 )) $rss"
}

# Generates a site unless the same generator (and the same strings) already made it.
gen() {
    local dir="${*: -1}"
    local stamp
    stamp="$(cat "$ROOT/benches/gensite.py" "$ROOT"/locales/*/*.ftl | sha256sum | cut -c1-16) $*"
    if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
        python3 "$ROOT/benches/gensite.py" "$@"
        echo "$stamp" > "$dir/.stamp"
    fi
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }

# Runs the tools of one case interleaved (irsite, hugo, irsite, hugo, …) so both see the same
# machine load; prints one row per tool.
bench_case() {
    local label="$1" pages="$2" ir_site="$3" hugo_site="$4"
    local ir_times=() ir_rss=() hu_times=() hu_rss=()
    for _ in $(seq "$RUNS"); do
        read -r t r < <(measure "$OUT_DIR/ir" "$IRSITE" --quiet --root "$ir_site" build --output "$OUT_DIR/ir")
        ir_times+=("$t"); ir_rss+=("$r")
        if [ -n "$HUGO" ] && [ -n "$hugo_site" ]; then
            read -r t r < <(measure "$OUT_DIR/hugo" "$HUGO" --quiet --source "$hugo_site" --destination "$OUT_DIR/hugo")
            hu_times+=("$t"); hu_rss+=("$r")
        fi
    done
    local ir_t ir_r
    ir_t=$(printf '%s\n' "${ir_times[@]}" | median)
    ir_r=$(printf '%s\n' "${ir_rss[@]}" | median)
    row "$label" irsite "$pages" "$ir_t" "$ir_r" "$(printf '%s\n' "${ir_times[@]}" | sort -n | head -1)" "" ""
    if [ ${#hu_times[@]} -gt 0 ]; then
        local hu_t hu_r
        hu_t=$(printf '%s\n' "${hu_times[@]}" | median)
        hu_r=$(printf '%s\n' "${hu_rss[@]}" | median)
        row "$label" hugo "$pages" "$hu_t" "$hu_r" "$(printf '%s\n' "${hu_times[@]}" | sort -n | head -1)" "" ""
        awk -v a="$ir_t" -v b="$hu_t" -v c="$ir_r" -v d="$hu_r" -v l="$label" \
            'BEGIN {printf "%-22s %-7s %s\n", l, "ratio", sprintf("irsite/hugo: wall %.2fx, peak RSS %.2fx", a / b, c / d)}'
    fi
}

# label tool pages wall_us rss_kib min_us
row() {
    awk -v l="$1" -v tool="$2" -v p="$3" -v t="$4" -v r="$5" -v m="$6" -v runs="$RUNS" 'BEGIN {
        printf "%-22s %-7s %7d pages  wall %8.3f s (min %.3f, %d runs)  %9.0f pages/s  peak RSS %7.1f MiB\n",
               l, tool, p, t / 1e6, m / 1e6, runs, p / (t / 1e6), r / 1024 }'
}

echo "machine: $(nproc) cores, $(uname -r); $(date -u +%Y-%m-%dT%H:%MZ); runs per case: $RUNS (median)"
echo "outputs in $OUT_DIR ($(df --output=fstype "$OUT_DIR" | tail -1))"
echo "irsite $("$IRSITE" --version | awk '{print $2}')${HUGO:+; $("$HUGO" version | awk '{print $1, $2}')}"
echo

# The real site: this repository.
iij_pages=$(find "$ROOT/content/ja" "$ROOT/content/en" -name '*.md' | wc -l)
bench_case "IIJ site" "$iij_pages" "$ROOT" ""

for n in $SIZES; do
    gen --pages "$n" --out "$BENCH_DIR/sites/ir-$n"
    hugo_site=""
    if [ -n "$HUGO" ]; then
        gen --pages "$n" --flavor hugo --out "$BENCH_DIR/sites/hugo-$n"
        hugo_site="$BENCH_DIR/sites/hugo-$n"
    fi
    bench_case "synthetic 2x$n" $(( 2 * (n + 1) )) "$BENCH_DIR/sites/ir-$n" "$hugo_site"
done

if [ "$CHARTS" -gt 0 ]; then
    gen --pages 1000 --charts "$CHARTS" --out "$BENCH_DIR/sites/ir-1000-c$CHARTS"
    bench_case "2x1000, $CHARTS charts" 2002 "$BENCH_DIR/sites/ir-1000-c$CHARTS" ""
fi
rm -rf "$OUT_DIR"
