#!/usr/bin/env bash
# Benchmark of `normwerk history`: the real SCS history (359 commits) and the generated history of
# `gen_corpus.py --docs 2000 --git` (5,859 commits). Figures go into book/src/performance.md.
source "$(dirname "$0")/common.sh"
if [ ! -d "$out/git2000/.git" ]; then
  python3 "$shared/bench/gen_corpus.py" --docs 2000 --out "$out/git2000" --git >/dev/null
fi
commits() { echo "$(git -C "$1" rev-list --count HEAD) commits"; }
measure "real SCS history" "$(commits "$out/scs")" "$bin" history --source "$out/scs/Standards" --format json
measure "generated, 2,000 documents" "$(commits "$out/git2000")" "$bin" history --source "$out/git2000/Standards" --format json
