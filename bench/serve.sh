#!/usr/bin/env bash
# Benchmark of the preview's rebuild (`normwerk serve`): a one-document edit, from the moment the
# file is written to the end of the rebuild that `serve` reports ("rebuilt in N ms": load, lint,
# the pages the edit affects, the link check of the whole site). The real SCS corpus with its
# history, and 10,000 generated documents. Figures go into book/src/performance.md.
source "$(dirname "$0")/common.sh"
if [ ! -d "$out/gen10000/Standards" ]; then
  python3 "$shared/bench/gen_corpus.py" --docs 10000 --out "$out/gen10000" >/dev/null
fi
work=$(mktemp -d -p "$out")
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

# edits NAME SOURCE FILE ARGS...: serves SOURCE (a copy), then appends a paragraph to FILE
# $RUNS times, each once the rebuild before has been reported.
edits() {
  local name=$1 source=$2 file=$3 log=$work/serve.log times=()
  shift 3
  : >"$log"
  "$bin" serve --source "$source" --port 0 "$@" 2>"$log" &
  pid=$!
  until grep -q "^serving" "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; return 1; fi
    sleep 0.1
  done
  local first
  first=$(grep -m1 -o "^built [0-9]* files" "$log" || true)
  for i in $(seq "$runs"); do
    local before
    before=$(grep -c "^rebuilt in" "$log" || true)
    printf '\nA paragraph added by the benchmark, edit %s.\n' "$i" >>"$source/$file"
    until [ "$(grep -c "^rebuilt in" "$log" || true)" -gt "$before" ]; do sleep 0.02; done
    times+=("$(grep "^rebuilt in" "$log" | tail -1 | sed 's/rebuilt in \([0-9]*\) ms.*/\1/')")
  done
  local made
  made=$(grep "^rebuilt in" "$log" | tail -1 | sed 's/.*(\(.*\))/\1/')
  kill -INT "$pid"
  wait "$pid" 2>/dev/null || true
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-34s best %5s ms  median %5s ms  (%s; %s)\n' "$name" "$(echo "$sorted" | head -1)" \
    "$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")" "${first:-?}" "$made"
}

git clone -q "$out/scs" "$work/scs"
edits "real corpus + history, one edit" "$work/scs/Standards" \
  "$(cd "$work/scs/Standards" && ls scs-0214-v2-*.md | head -1)" --as-of 2026-11-27
cp -r "$out/gen10000" "$work/gen"
edits "10,000 documents, one edit" "$work/gen/Standards" \
  "$(cd "$work/gen/Standards" && ls scs-*-v1-*.md | sed -n 500p)" --as-of 2026-11-27 --no-history
