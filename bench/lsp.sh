#!/usr/bin/env bash
# Benchmark of `normwerk lsp`: from an editor's edit of one document (didChange) to the
# diagnostics published for it (bench/lsp_latency.py speaks the protocol), on the real SCS
# corpus and on 10,000 generated documents. Figures go into book/src/performance.md.
source "$(dirname "$0")/common.sh"
if [ ! -d "$out/gen10000/Standards" ]; then
  python3 "$shared/bench/gen_corpus.py" --docs 10000 --out "$out/gen10000" >/dev/null
fi
latency() {
  printf '%-30s ' "$1"
  python3 "$here/lsp_latency.py" "$bin" "$2" "$3" "$((runs * 2))"
}
latency "real SCS corpus" "$out/scs/Standards" scs-0100-v3-flavor-naming.md
latency "generated, 10,000 documents" "$out/gen10000/Standards" \
  "$(find "$out/gen10000/Standards" -name 'scs-*.md' | sort | sed -n 5000p | xargs basename)"
