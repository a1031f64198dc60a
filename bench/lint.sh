#!/usr/bin/env bash
# Benchmark of `normwerk lint`: the real SCS corpus and generated corpora of 1,000 and 10,000
# documents (../shared/bench/gen_corpus.py). Prints wall time (best and median of N runs) and
# peak memory (max RSS, from GNU time when present). Figures go into book/src/performance.md.
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
for n in 1000 10000; do
  if [ ! -d "$out/gen$n/Standards" ]; then
    python3 "$shared/bench/gen_corpus.py" --docs "$n" --out "$out/gen$n" >/dev/null
  fi
done

measure() { # name dir
  local name=$1 dir=$2 times=() t0 t1
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$bin" lint "$dir" --format json >/dev/null || true
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  local sorted best median rss="n/a"
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  best=$(echo "$sorted" | head -1)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  if [ -x /usr/bin/time ]; then
    rss=$( { /usr/bin/time -f '%M' "$bin" lint "$dir" --format json >/dev/null || true; } 2>&1 | tail -1 )
    rss="$(( rss / 1024 )) MiB"
  fi
  local docs
  docs=$(find "$dir" -name '*.md' | wc -l)
  printf '%-28s %7s files  best %8.1f ms  median %8.1f ms  peak RSS %s\n' \
    "$name" "$docs" "$(awk "BEGIN{print $best/1000}")" "$(awk "BEGIN{print $median/1000}")" "$rss"
}

echo "normwerk $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $runs runs each"
measure "real SCS corpus" "$out/scs/Standards"
measure "generated, 1,000 documents" "$out/gen1000/Standards"
measure "generated, 10,000 documents" "$out/gen10000/Standards"
