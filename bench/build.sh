#!/usr/bin/env bash
# Benchmark of `normwerk build`: the real SCS corpus with its full git history (timelines and the
# feed), and 10,000 generated documents (no history). Figures go into book/src/performance.md.
source "$(dirname "$0")/common.sh"
if [ ! -d "$out/gen10000/Standards" ]; then
  python3 "$shared/bench/gen_corpus.py" --docs 10000 --out "$out/gen10000" >/dev/null
fi
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
measure "real SCS corpus + history" "105 files" \
  "$bin" build --source "$out/scs/Standards" --out "$site/scs" --as-of 2026-11-27
measure "generated, 10,000 documents" "10000 files" \
  "$bin" build --source "$out/gen10000/Standards" --out "$site/gen" --as-of 2026-11-27 --no-history
# The same on a memory file system, where it exists: what normwerk costs without the disk.
if [ -d /dev/shm ]; then
  shm=$(mktemp -d /dev/shm/normwerk-bench.XXXXXX)
  measure "real corpus, out on tmpfs" "105 files" \
    "$bin" build --source "$out/scs/Standards" --out "$shm/scs" --as-of 2026-11-27
  measure "10,000 documents, out on tmpfs" "10000 files" \
    "$bin" build --source "$out/gen10000/Standards" --out "$shm/gen" --as-of 2026-11-27 --no-history
  rm -rf "$shm"
fi
