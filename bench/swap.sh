#!/usr/bin/env bash
# What a reader of the site sees while it is rebuilt: builds the site of standards-src into one
# folder $BUILDS times (default 100) while a reader opens index.html and one nested page in a
# tight loop, and prints how many opens it made and how many failed. A failed open is a page
# missing during a swap; it must be 0. Compare another binary with OLD_BIN=path/to/normwerk.
# Figures go into book/src/performance.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
builds=${BUILDS:-100}
if [ -z "${OLD_BIN:-}" ] && [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --manifest-path "$root/Cargo.toml"
fi
target=${CARGO_TARGET_DIR:-$root/target}
bins=("${BIN:-$target/release/normwerk}")
[ -n "${OLD_BIN:-}" ] && bins=("$OLD_BIN" "${bins[@]}")
work=$(mktemp -d "${SWAP_DIR:-${TMPDIR:-/tmp}}/normwerk-swap.XXXXXX")
trap 'rm -rf "$work"' EXIT

reader='
import os, sys
site, stop = sys.argv[1], sys.argv[2]
pages = [os.path.join(site, "index.html"),
         os.path.join(site, "standards", "scs-0001-v1-document-lifecycle", "index.html")]
polls = misses = 0
while not os.path.exists(stop):
    for page in pages:
        polls += 1
        try:
            with open(page, "rb") as f:
                if not f.read():
                    misses += 1
        except OSError:
            misses += 1
print(polls, misses)
'

echo "$(nproc) cores, $builds builds each, site on $(df -T "$work" | awk 'NR==2 {print $2}')"
for bin in "${bins[@]}"; do
  site=$work/site
  rm -rf "$site" "$work"/.site.* "$work/stop"
  "$bin" build --source "$root/standards-src" --out "$site" --as-of 2026-11-27 --no-history >/dev/null 2>&1
  python3 -c "$reader" "$site" "$work/stop" >"$work/counts" &
  pid=$!
  t0=$(date +%s%N)
  for i in $(seq "$builds"); do
    # Alternate two dates so that every build changes the pages.
    "$bin" build --source "$root/standards-src" --out "$site" --no-history \
      --as-of "2026-11-$(( 10 + i % 2 ))" >/dev/null 2>&1
  done
  t1=$(date +%s%N)
  touch "$work/stop"
  wait "$pid"
  read -r polls misses <"$work/counts"
  left=$(find "$work" -maxdepth 1 -name '.site.*' | wc -l)
  printf '%-40s %6d ms per build  %9d opens  %6d missing  %d left beside the site\n' \
    "$bin" $(( (t1 - t0) / 1000000 / builds )) "$polls" "$misses" "$left"
done
