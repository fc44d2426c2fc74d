#!/usr/bin/env bash
# Interleaved build comparison of irsite binaries on one generated site, e.g. a release build
# against the binary of an earlier commit:
#
#   benches/compare.sh /tmp/irsite-before target/release/irsite
#   PAGES=500 CALLGRIND=1 benches/compare.sh /tmp/irsite-before target/release/irsite
#
# Environment:
#   PAGES      pages per language of the generated site          (default 5000)
#   RUNS       runs per binary, interleaved; medians are printed  (default 7)
#   OUT_DIR    where sites and outputs go (default /dev/shm/irsite-compare: tmpfs takes the
#              disk out of the figures)
#   CALLGRIND  set to also count each binary's instructions once under valgrind's callgrind
#              (repeatable on a loaded machine, unlike wall time; use a small PAGES)
#
# Wall time is measured around the process, user/sys time and peak RSS come from
# /usr/bin/time. On a shared machine wall time follows the load: compare the binaries' medians
# with each other, never with a figure from another day.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PAGES="${PAGES:-5000}"
RUNS="${RUNS:-7}"
OUT_DIR="${OUT_DIR:-/dev/shm/irsite-compare}"
[ $# -ge 1 ] || { echo "usage: $0 IRSITE_BINARY..." >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }

site="$OUT_DIR/site-$PAGES"
out="$OUT_DIR/out"
mkdir -p "$OUT_DIR"
[ -f "$site/site.toml" ] || python3 "$ROOT/benches/gensite.py" --pages "$PAGES" --out "$site" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A wall rss user sys
for _ in $(seq "$RUNS"); do
    for bin in "$@"; do
        rm -rf "$out"
        sync
        t0=$(date +%s%N)
        /usr/bin/time -f "%M %U %S" -o "$OUT_DIR/time.log" "$bin" --quiet --root "$site" build --output "$out" >/dev/null
        t1=$(date +%s%N)
        read -r m u s < "$OUT_DIR/time.log"
        wall[$bin]+="$(( (t1 - t0) / 1000000 )) "
        rss[$bin]+="$m "
        user[$bin]+="$u "
        sys[$bin]+="$s "
    done
done
echo "2x$PAGES pages, $RUNS interleaved runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for bin in "$@"; do
    printf '%-40s wall %6s ms  user %5s s  sys %5s s  peak RSS %6s KiB  (walls: %s)\n' "$bin" \
        "$(tr ' ' '\n' <<<"${wall[$bin]}" | grep . | median)" \
        "$(tr ' ' '\n' <<<"${user[$bin]}" | grep . | median)" \
        "$(tr ' ' '\n' <<<"${sys[$bin]}" | grep . | median)" \
        "$(tr ' ' '\n' <<<"${rss[$bin]}" | grep . | median)" "${wall[$bin]% }"
done
if [ -n "${CALLGRIND:-}" ]; then
    for bin in "$@"; do
        rm -rf "$out"
        ir=$(valgrind --tool=callgrind --callgrind-out-file="$OUT_DIR/callgrind.out" "$bin" --quiet --root "$site" \
            build --output "$out" 2>&1 | awk '/Collected/ {print $NF}')
        printf '%-40s instructions %s (callgrind.out kept for callgrind_annotate)\n' "$bin" "$ir"
        mv "$OUT_DIR/callgrind.out" "$OUT_DIR/callgrind.$(basename "$bin").out"
    done
fi
rm -rf "$out"
