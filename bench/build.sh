#!/usr/bin/env bash
# Benchmark of `normwerk build`: the real SCS corpus with its full git history (timelines and the
# feed), and 10,000 generated documents (no history). Figures go into book/src/performance.md.
#
# BASELINE=/path/to/an/older/normwerk measures that binary too, each case run by both in turn
# (the machine's load then weighs on both alike): how issue 13 compared the designed site with
# the site before it (`git worktree add /tmp/before d002dba && cargo build --release` there).
source "$(dirname "$0")/common.sh"
if [ ! -d "$out/gen10000/Standards" ]; then
  python3 "$shared/bench/gen_corpus.py" --docs 10000 --out "$out/gen10000" >/dev/null
fi
site=$(mktemp -d -p "$out")
shm=
if [ -d /dev/shm ]; then shm=$(mktemp -d /dev/shm/normwerk-bench.XXXXXX); fi
trap 'rm -rf "$site" ${shm:+"$shm"}' EXIT
# A first build's previous site is moved aside, not deleted, before the run: ext4 skips the
# inodes it freed in the last minutes when it allocates new ones, one lookup each, so creating
# 20,000 files and folders right after deleting as many took 0.19, 0.72, then 1.26 s in three
# rounds (bench/inodes.py): a deletion before each run would measure how much the runs before it
# deleted. What is moved aside is deleted at the end.
aside() {
  if [ -e "$1" ]; then mv "$1" "$site/aside.$(date +%s%N)"; fi
}
# case NAME SIZE ARGS...: `build ARGS` by this binary, then by the baseline if one is given.
case_() {
  local name=$1 size=$2
  shift 2
  measure "$name" "$size" "$bin" build "$@"
  if [ -n "${BASELINE:-}" ]; then measure "$name (baseline)" "$size" "$BASELINE" build "$@"; fi
}
# versus NAME PREP-A COMMAND-A PREP-B COMMAND-B: normwerk's command and Hugo's in turn, $RUNS
# times each; the medians and the ratio of normwerk's to Hugo's.
versus() {
  local name=$1 a=() b=() t0 t1
  for _ in $(seq "$runs"); do
    eval "$2"
    t0=$(date +%s%N); eval "$3" >/dev/null 2>&1 || true; t1=$(date +%s%N)
    a+=($(( (t1 - t0) / 1000 )))
    eval "$4"
    t0=$(date +%s%N); eval "$5" >/dev/null 2>&1 || true; t1=$(date +%s%N)
    b+=($(( (t1 - t0) / 1000 )))
  done
  local ma mb
  ma=$(printf '%s\n' "${a[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  mb=$(printf '%s\n' "${b[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%-30s in turn: normwerk median %8.1f ms, Hugo median %8.1f ms, ratio %.2f\n' "$name" \
    "$(awk "BEGIN{print $ma/1000}")" "$(awk "BEGIN{print $mb/1000}")" "$(awk "BEGIN{print $ma/$mb}")"
}
PREP="aside '$site/scs'" case_ "real corpus + history, first" "105 files" \
  --source "$out/scs/Standards" --out "$site/scs" --as-of 2026-11-27
case_ "real corpus + history, rebuild" "105 files" \
  --source "$out/scs/Standards" --out "$site/scs" --as-of 2026-11-27
# A first build into an empty place, and a rebuild over the previous site when nothing changed
# (a site normwerk built is updated file by file: only what changed is written).
PREP="aside '$site/gen'" case_ "10,000 documents, first build" "10000 files" \
  --source "$out/gen10000/Standards" --out "$site/gen" --as-of 2026-11-27 --no-history
case_ "10,000 documents, rebuild" "10000 files" \
  --source "$out/gen10000/Standards" --out "$site/gen" --as-of 2026-11-27 --no-history
# Hugo (Debian's package, installed if missing) on the same 10,000 documents with a minimal
# list and single layout (bench/hugo/): the static site generator to beat on the same disk.
if ! command -v hugo >/dev/null; then
  apt-get install -y -qq hugo >/dev/null 2>&1 || echo "hugo is not installed and could not be installed: skipped"
fi
if command -v hugo >/dev/null; then
  hugo_site="$out/hugo10000"
  if [ ! -d "$hugo_site/content/standards" ]; then
    mkdir -p "$hugo_site/content/standards"
    cp -r "$here/hugo/." "$hugo_site/"
    cp "$out/gen10000/Standards/"*.md "$hugo_site/content/standards/"
  fi
  PREP="aside '$site/hugo'" measure "Hugo $(hugo version | cut -d' ' -f2), first build" "10000 files" \
    hugo --quiet --source "$hugo_site" --destination "$site/hugo"
  measure "Hugo, rebuild" "10000 files" \
    hugo --quiet --source "$hugo_site" --destination "$site/hugo"
  # Issue 16's target, first builds of both run in turn, run by run: what the disk went through
  # in the minutes before (deletions, above) then weighs on both alike.
  versus "10,000 documents, first build" \
    "aside '$site/gen'" "'$bin' build --source '$out/gen10000/Standards' --out '$site/gen' --as-of 2026-11-27 --no-history" \
    "aside '$site/hugo'" "hugo --quiet --source '$hugo_site' --destination '$site/hugo'"
fi
# The same on a memory file system, where it exists: what normwerk costs without the disk.
if [ -n "$shm" ]; then
  case_ "real corpus, tmpfs" "105 files" \
    --source "$out/scs/Standards" --out "$shm/scs" --as-of 2026-11-27
  PREP="rm -rf '$shm/gen'" case_ "10,000 documents, tmpfs, first" "10000 files" \
    --source "$out/gen10000/Standards" --out "$shm/gen" --as-of 2026-11-27 --no-history
  case_ "10,000 documents, tmpfs, rebuild" "10000 files" \
    --source "$out/gen10000/Standards" --out "$shm/gen" --as-of 2026-11-27 --no-history
fi
