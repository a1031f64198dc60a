#!/usr/bin/env bash
# Benchmark of `normwerk lint`: the real SCS corpus and generated corpora of 1,000 and 10,000
# documents (../shared/bench/gen_corpus.py). Figures go into book/src/performance.md.
source "$(dirname "$0")/common.sh"
for n in 1000 10000; do
  if [ ! -d "$out/gen$n/Standards" ]; then
    python3 "$shared/bench/gen_corpus.py" --docs "$n" --out "$out/gen$n" >/dev/null
  fi
done
files() { find "$1" -name '*.md' | wc -l | tr -d ' '; }
measure "real SCS corpus" "$(files "$out/scs/Standards") files" "$bin" lint "$out/scs/Standards" --format json
measure "generated, 1,000 documents" "$(files "$out/gen1000/Standards") files" "$bin" lint "$out/gen1000/Standards" --format json
measure "generated, 10,000 documents" "$(files "$out/gen10000/Standards") files" "$bin" lint "$out/gen10000/Standards" --format json
