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
for script in noop-build download-stage go-file-changed dependency-added verify-blackhole parsers-hashing cold-path; do
  say ""
  say "=== $script ==="
  start=$(now_ms)
  "$bench_dir/$script.sh" "${args[@]}" || failed+=("$script")
  say "($script took $(( ($(now_ms) - start) / 1000 )) s)"
done
# The gateway benchmark (its own script and section of the README) needs nginx, wrk, python3 and curl.
say ""
say "=== gateway-vs-nginx ==="
if command -v nginx >/dev/null && command -v wrk >/dev/null && command -v python3 >/dev/null && command -v curl >/dev/null; then
  start=$(now_ms)
  "$bench_dir/gateway-vs-nginx.sh" "${args[@]}" || failed+=(gateway-vs-nginx)
  say "(gateway-vs-nginx took $(( ($(now_ms) - start) / 1000 )) s)"
else
  say "skipped: needs nginx, wrk, python3 and curl (apt-get install nginx-light wrk python3 curl)"
  printf '%s\t%s\t%s\t%s\n' gateway-vs-nginx - - SKIPPED >>"$GODOCKER_BENCH_SUMMARY"
fi

say ""
say "=== summary ==="
column -t -s $'\t' "$GODOCKER_BENCH_SUMMARY" 2>/dev/null || cat "$GODOCKER_BENCH_SUMMARY"
if (( ${#failed[@]} > 0 )); then
  say "failed: ${failed[*]}"
  exit 1
fi
