#!/usr/bin/env bash
# Benchmark of `normwerk history`: the real SCS history (359 commits) and the generated history of
# `gen_corpus.py --docs 2000 --git` (5,859 commits). Prints best and median wall time of N runs and
# peak memory. Figures go into book/src/performance.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${NORMWERK_SHARED:-$root/../shared}
out=$here/out
runs=${RUNS:-10}
mkdir -p "$out"

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin=$root/target/release/normwerk

if [ ! -d "$out/scs/Standards" ]; then
  git clone -q -b main "$shared/corpus/scs-standards.bundle" "$out/scs"
fi
if [ ! -d "$out/git2000/.git" ]; then
  python3 "$shared/bench/gen_corpus.py" --docs 2000 --out "$out/git2000" --git >/dev/null
fi

measure() { # name dir
  local name=$1 dir=$2 times=() t0 t1
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$bin" history --source "$dir" --format json >/dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  local sorted best median rss="n/a"
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  best=$(echo "$sorted" | head -1)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  if [ -x /usr/bin/time ]; then
    rss=$( { /usr/bin/time -f '%M' "$bin" history --source "$dir" --format json >/dev/null; } 2>&1 | tail -1 )
    rss="$(( rss / 1024 )) MiB"
  fi
  local commits
  commits=$(git -C "$dir" rev-list --count HEAD)
  printf '%-30s %6s commits  best %8.1f ms  median %8.1f ms  peak RSS %s\n' \
    "$name" "$commits" "$(awk "BEGIN{print $best/1000}")" "$(awk "BEGIN{print $median/1000}")" "$rss"
}

echo "normwerk $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $runs runs each"
measure "real SCS history" "$out/scs/Standards"
measure "generated, 2,000 documents" "$out/git2000/Standards"
