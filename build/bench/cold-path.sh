#!/usr/bin/env bash
# Cold path of the gateway: the first `go mod download` of a real dependency set (every module version kubernetes'
# go.sum names, generated in a GOPROXY folder served by the counting proxy) through a gateway with an empty cache,
# against the same download straight from that upstream. Both with an empty module cache, interleaved.
# Target (issue 18): ratio <= 1.10; each zip fetched from the upstream exactly once per gateway run.
# Usage: build/bench/cold-path.sh [--smoke]
source "$(dirname "$0")/lib.sh"
runs=$(( smoke ? 2 : 5 ))
command -v go >/dev/null || die "go is required (apt-get install golang-go)"
bench_tools

gosum=$repo/tests/GoDocker.Core.Tests/TestData/real-world/kubernetes__kubernetes/go.sum
client=$work/client
count=$(tool gosum-proxy --root "$work/upstream" --gosum "$gosum" --client "$client" | awk '{print $1}')
up_port=$(start_server upstream proxy --root "$work/upstream" --log "$work/upstream.log")
run_logged "$work/gateway-build.log" dotnet build "$repo/src/GoDocker.ProxyGateway/GoDocker.ProxyGateway.csproj" -c Release -nologo -v:q -o "$work/gateway-bin"
# BASELINE=<git ref>: also time the gateway of that ref ("before"), interleaved in the same run.
if [[ -n ${BASELINE:-} ]]; then
  mkdir -p "$work/baseline-src"
  git -C "$repo" archive "$BASELINE" | tar -x -C "$work/baseline-src"
  run_logged "$work/baseline-build.log" dotnet build "$work/baseline-src/src/GoDocker.ProxyGateway/GoDocker.ProxyGateway.csproj" -c Release -nologo -v:q -o "$work/baseline-bin"
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# One go command environment for both sides; only GOPROXY differs. -modcacherw lets the folder be removed.
export GOPATH=$work/gopath GOCACHE=$work/gocache GOSUMDB=off GOFLAGS=-modcacherw GONOSUMDB= GOPRIVATE= GONOPROXY=
mapfile -t modules <"$client/modules.txt"
download_ms() { # PROXY -> ms; checks every zip arrived
  local cache=$work/modcache ms
  rm -rf "$cache"
  ms=$(cd "$client" && GOPROXY=$1 GOMODCACHE=$cache timed_ms "$work/go.log" go mod download "${modules[@]}")
  local zips
  zips=$(find "$cache/cache/download" -name '*.zip' | wc -l)
  [[ $zips == "$count" ]] || die "go mod download left $zips of $count zips (see $work/go.log)"
  echo "$ms"
}
gateway_ms() { # [WRAPPER] -> "ms zips-fetched"; GATEWAY_BIN picks the build (default: this tree's)
  local port dir=$work/gateway-cache ms mark bin=${GATEWAY_BIN:-$work/gateway-bin}
  rm -rf "$dir"
  port=$(free_port)
  (exec "$@" dotnet "$bin/GoDocker.ProxyGateway.dll" --cache "$dir" --listen "127.0.0.1:$port" \
    --upstream "http://127.0.0.1:$up_port" >"$work/gateway.log" 2>&1) &
  local pid=$!
  for _ in $(seq 1 200); do curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break; sleep 0.05; done
  mark=$(proxy_mark "$work/upstream.log")
  ms=$(download_ms "http://127.0.0.1:$port")
  proxy_since "$work/upstream.log" "$mark" "$work/gateway-run.log"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms $(log_requests "$work/gateway-run.log" '\.zip$')"
}

say "dependency set: $count module versions from kubernetes' go.sum, generated; upstream on 127.0.0.1:$up_port"
direct=() gateway=() fetched=() baseline=()
for i in $(seq 1 "$runs"); do
  direct+=("$(download_ms "http://127.0.0.1:$up_port")")
  read -r ms zips < <(gateway_ms)
  gateway+=("$ms")
  fetched+=("$zips")
  if [[ -n ${BASELINE:-} ]]; then
    read -r ms _ < <(GATEWAY_BIN=$work/baseline-bin gateway_ms)
    baseline+=("$ms")
  fi
done
d=$(median "${direct[@]}")
g=$(median "${gateway[@]}")
say "go mod download of $count module versions, $runs runs each, median: through a cold gateway ${g} ms, straight from the upstream ${d} ms"
say "  gateway runs: ${gateway[*]}"
say "  direct runs:  ${direct[*]}"
if [[ -n ${BASELINE:-} ]]; then
  b=$(median "${baseline[@]}")
  say "  baseline gateway ($BASELINE, $(git -C "$repo" rev-parse --short "$BASELINE")) runs: ${baseline[*]}; median ${b} ms, ratio to direct $(ratio "$b" "$d")"
fi
say "  zips the gateway fetched from the upstream per run: ${fetched[*]}"
# Profile (not part of the medians): the gateway makes each stored file durable (fsync of the content and of its pin)
# before it answers; one more run with fsync turned into a no-op by eatmydata shows what that costs here.
if command -v eatmydata >/dev/null; then
  read -r ms _ < <(gateway_ms eatmydata)
  say "  profile: one more gateway run with fsync made a no-op (eatmydata): ${ms} ms; fsync of a small file here: $(python3 -c "
import os, tempfile, time
d = tempfile.mkdtemp(dir='$work'); t = time.time()
for i in range(50):
    with open(os.path.join(d, str(i)), 'wb') as f: f.write(b'x' * 100); f.flush(); os.fsync(f.fileno())
print('%.1f ms' % ((time.time() - t) * 20))")"
fi
verdict cold-path-gateway-vs-direct "$(ratio "$g" "$d")" 1.10
for f in "${fetched[@]}"; do fact cold-path-upstream-zip-fetches "$f" "$count"; done
exit "$bench_failed"
