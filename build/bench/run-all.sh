#!/usr/bin/env bash
# Runs every benchmark of build/bench and prints a summary table. --smoke: few iterations each (what CI runs so the
# benchmarks cannot rot); timing misses are reported but only functional failures (bytes, requests, crashes) fail.
# Usage: build/bench/run-all.sh [--smoke]
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
source "$bench_dir/lib.sh"
bench_tools
bench_packages
export GODOCKER_BENCH_SUMMARY=$work/summary.tsv
: >"$GODOCKER_BENCH_SUMMARY"
args=()
(( smoke )) && args+=(--smoke)
say "GoDocker.Sdk benchmarks $( ((smoke)) && echo '(smoke)') on $(nproc) cores, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
failed=()
for script in noop-build download-stage dependency-added verify-blackhole parsers-hashing; do
  say ""
  say "=== $script ==="
  start=$(now_ms)
  "$bench_dir/$script.sh" "${args[@]}" || failed+=("$script")
  say "($script took $(( ($(now_ms) - start) / 1000 )) s)"
done
say ""
say "=== summary ==="
column -t -s $'\t' "$GODOCKER_BENCH_SUMMARY" 2>/dev/null || cat "$GODOCKER_BENCH_SUMMARY"
if (( ${#failed[@]} > 0 )); then
  say "failed: ${failed[*]}"
  exit 1
fi
