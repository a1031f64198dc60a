#!/usr/bin/env bash
# Benchmark of `normwerk index` and `normwerk query`: the real SCS corpus with its history, and
# 10,000 generated documents. Figures go into book/src/performance.md.
source "$(dirname "$0")/common.sh"
if [ ! -d "$out/gen10000/Standards" ]; then
  python3 "$shared/bench/gen_corpus.py" --docs 10000 --out "$out/gen10000" >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
measure "index: real corpus + history" "105 files" \
  "$bin" index --source "$out/scs/Standards" --as-of 2026-11-27 --out "$tmp/real.json"
measure "index: 10,000 documents" "10000 files" \
  "$bin" index --source "$out/gen10000/Standards" --as-of 2026-11-27 --no-history --out "$tmp/gen.json"
measure "query: 10,000 from source" "10000 files" \
  "$bin" query --source "$out/gen10000/Standards" --as-of 2026-11-27 --state effective --format ids
measure "query: 10,000 from index" "$(du -h "$tmp/gen.json" | cut -f1) JSON" \
  "$bin" query --index "$tmp/gen.json" --as-of 2026-11-27 --state effective --format ids
