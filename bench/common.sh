# Shared by the benchmark scripts: builds the release binary, prepares the corpora in bench/out,
# and times a command (best and median of $RUNS runs, peak memory by GNU time).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
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

# measure NAME SIZE-LABEL COMMAND...: prints one line of figures. With PREP set, that command
# runs (untimed) before each run, e.g. to remove the previous output for a fresh build.
measure() {
  local name=$1 size=$2 times=() t0 t1
  shift 2
  for _ in $(seq "$runs"); do
    if [ -n "${PREP:-}" ]; then eval "$PREP"; fi
    t0=$(date +%s%N)
    "$@" >/dev/null || true
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  local sorted best median rss="n/a"
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  best=$(echo "$sorted" | head -1)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  if [ -x /usr/bin/time ]; then
    if [ -n "${PREP:-}" ]; then eval "$PREP"; fi
    rss=$( { /usr/bin/time -f '%M' "$@" >/dev/null || true; } 2>&1 | tail -1 )
    rss="$(( rss / 1024 )) MiB"
  fi
  printf '%-30s %16s  best %8.1f ms  median %8.1f ms  peak RSS %s\n' \
    "$name" "$size" "$(awk "BEGIN{print $best/1000}")" "$(awk "BEGIN{print $median/1000}")" "$rss"
}

echo "normwerk $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $runs runs each"
