#!/usr/bin/env bash
# Verify with one blackholed endpoint out of four: `godocker verify --project X --timeout N` must reach its verdict
# within 1.2 x N. The same environment through a real `go mod download` shows how long a user waits without it.
# GOPROXY = A,B,C,D: A and B answer 404 (the go command falls through), C accepts TCP and never answers, D serves the
# module. Target: verify time <= 1.2 x the probe timeout.   Usage: build/bench/verify-blackhole.sh [--smoke]
source "$(dirname "$0")/lib.sh"
timeout_s=5
go_cap=$(( smoke ? 20 : 120 ))
runs=$(( smoke ? 2 : 5 ))
command -v go >/dev/null || die "no 'go' on PATH (apt-get install golang-go)"
bench_tools
bench_packages

run_logged "$work/tool.log" dotnet tool install --tool-path "$work/tool" GoDocker.Tool --version "$GODOCKER_BENCH_VERSION" --add-source "$GODOCKER_BENCH_FEED"

mkdir -p "$work/empty-a" "$work/empty-b" "$work/modules"
a=$(start_server proxy-a proxy --root "$work/empty-a" --log "$work/a.log")
b=$(start_server proxy-b proxy --root "$work/empty-b" --log "$work/b.log")
c=$(start_server blackhole blackhole)
d=$(start_server proxy-d proxy --root "$work/modules" --log "$work/d.log")

svc=$work/service
mkdir -p "$svc"
dep=example.com/bench/dep$RANDOM$RANDOM
tool module --root "$work/modules" --path "$dep" --version v1.0.0 >"$svc/go.sum"
printf 'module example.com/bench/service\n\ngo 1.19\n\nrequire %s v1.0.0\n' "$dep" >"$svc/go.mod"

export GOPROXY="http://127.0.0.1:$a,http://127.0.0.1:$b,http://127.0.0.1:$c,http://127.0.0.1:$d"
export GOSUMDB=off GOFLAGS=-mod=mod GONOSUMDB= GOPRIVATE= GONOPROXY=
say "GOPROXY=$GOPROXY (the third is the blackhole); probe timeout ${timeout_s} s"

verify_runs=()
for i in $(seq 1 "$runs"); do
  start=$(now_ms)
  set +e
  (cd "$svc" && "$work/tool/godocker" verify --project "$svc" --timeout "$timeout_s") >"$work/verify.out" 2>&1
  code=$?
  set -e
  verify_runs+=($(( $(now_ms) - start )))
  (( code != 0 )) || { cat "$work/verify.out"; die "verify passed although 127.0.0.1:$c never answers"; }
  grep -q "127.0.0.1:$c" "$work/verify.out" || { cat "$work/verify.out"; die "verify did not name the blackholed endpoint"; }
done
v=$(median "${verify_runs[@]}")
sed 's/^/  verify: /' "$work/verify.out"

# The go command on the same environment, in a fresh module cache, capped so the benchmark ends.
export GOPATH=$work/gopath GOMODCACHE=$work/gopath/pkg/mod
start=$(now_ms)
set +e
(cd "$svc" && timeout "$go_cap" go mod download) >"$work/go.out" 2>&1
code=$?
set -e
g=$(( $(now_ms) - start ))
chmod -R u+w "$work/gopath" 2>/dev/null || true
if (( code == 124 )); then
  go_verdict="no verdict within the ${go_cap} s cap (still waiting on 127.0.0.1:$c)"
  go_ratio=">=$(ratio "$g" "$v")"
else
  go_verdict="exit $code after ${g} ms: $(tr '\n' ' ' <"$work/go.out" | cut -c1-200)"
  go_ratio=$(ratio "$g" "$v")
fi
say "verify, $runs runs, median ${v} ms (runs: ${verify_runs[*]}) for a ${timeout_s} s probe timeout"
say "go mod download on the same GOPROXY: $go_verdict"
say "time to a verdict, go mod download / godocker verify: $go_ratio"
verdict verify-blackhole-vs-timeout "$(ratio "$v" $(( timeout_s * 1000 )))" 1.2
[[ -z ${GODOCKER_BENCH_SUMMARY:-} ]] || printf '%s\t%s\t%s\t%s\n' "verify-blackhole-go-mod-download-vs-verify" "$go_ratio" "(reported)" "INFO" >>"$GODOCKER_BENCH_SUMMARY"
exit $bench_failed
