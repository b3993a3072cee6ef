#!/usr/bin/env bash
# Parser and hashing throughput (BenchmarkDotNet, in process): parse the largest real-world go.mod and go.sum of the
# corpus (kubernetes), and h1-hash a 100 MB module zip against SHA256.HashData over the same bytes, the physical
# limit. Prints BenchmarkDotNet's tables, then MiB/s and the h1/SHA-256 ratio.
# Usage: build/bench/parsers-hashing.sh [--smoke]
source "$(dirname "$0")/lib.sh"
bench_tools
args=()
(( smoke )) && args+=(--smoke)
# Artifacts (reports) go to the work folder; the figures are printed.
(cd "$work" && tool "${args[@]}" --artifacts "$work/BenchmarkDotNet.Artifacts") | tee "$work/bdn.out" | grep -vE '^(// |$|  [A-Z][A-Za-z]+ +: )' || die "benchmarks failed"
line=$(grep '^h1 of a' "$work/bdn.out") || die "no hash result"
verdict_ratio=$(sed -n 's/.*ratio h1\/sha256 = \([0-9.]*\).*/\1/p' <<<"$line")
# Issue 18's target: h1 within 1.15 x one SHA-256 pass over the same bytes.
verdict h1-100MB-zip-vs-sha256 "$verdict_ratio" 1.15
[[ -z ${GODOCKER_BENCH_SUMMARY:-} ]] || {
  grep -E '^Parse(GoMod|GoSum): ' "$work/bdn.out" | while read -r l; do printf '%s\t%s\t%s\t%s\n' "${l%%:*}" "$(sed -n 's/.*= \(.*\)/\1/p' <<<"$l")" "(reported)" "INFO"; done >>"$GODOCKER_BENCH_SUMMARY"
}
