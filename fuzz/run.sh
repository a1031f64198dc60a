#!/usr/bin/env bash
# A bounded fuzzing run: every target for N seconds (default 60), over a scratch corpus seeded
# from fuzz/seeds/<target>/ (the committed seeds are never written to). Without a nightly
# toolchain it says so and succeeds; a crash fails it, with the input left in
# fuzz/artifacts/<target>/. See book/src/design/fuzzing.md.
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
targets=(frontmatter file_name markdown index scope)

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: SKIPPED — no nightly toolchain (cargo +nightly --version fails)"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet || { echo "fuzz: cannot install cargo-fuzz"; exit 1; }
fi

# A smoke run (CI: a few seconds per target) builds without optimisation and without
# AddressSanitizer: it compiles in a few minutes instead of twenty on two cores, and the
# panics and broken invariants of safe Rust code are what it is there to find.
build=()
if [ "$seconds" -le 10 ]; then
  build=(--dev --sanitizer none)
fi

echo "fuzz: building the targets ($(cargo +nightly --version)) ${build[*]}"
if ! cargo +nightly fuzz build "${build[@]}" >"${TMPDIR:-/tmp}/normwerk-fuzz-build.log" 2>&1; then
  tail -40 "${TMPDIR:-/tmp}/normwerk-fuzz-build.log"
  echo "fuzz: the targets do not build"
  exit 1
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failed=()
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t" "artifacts/$t"
  cp seeds/"$t"/* "$scratch/$t/"
  log="$scratch/$t.log"
  cargo +nightly fuzz run "${build[@]}" "$t" "$scratch/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1)
  corpus=$(find "$scratch/$t" -type f | wc -l)
  if [ "$rc" -eq 0 ]; then
    result=ok
  else
    result="CRASH (exit $rc)"
    failed+=("$t")
    grep -E 'panicked at|^SUMMARY|Test unit written to|^Failing input' "$log" | sed 's/^/    /'
  fi
  printf 'fuzz: %-12s %4ss  %10s execs  %-9s %-9s corpus %5s  %s\n' \
    "$t" "$seconds" "${execs:-?}" "${cov:-cov: ?}" "${ft:-ft: ?}" "$corpus" "$result"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in fuzz/artifacts/<target>/; minimise with"
  echo "      cargo +nightly fuzz tmin <target> <input>, then add to fuzz/regressions/<target>/)"
  exit 1
fi
echo "fuzz: all targets clean"
