#!/usr/bin/env bash
# Serves the same module zips through the GoDocker proxy gateway (cache hits) and through Debian's nginx (static
# files, sendfile) on 127.0.0.1, loads both with the same wrk script, and prints throughput, p99 and their ratio.
#   build/bench/gateway-vs-nginx.sh            # 3 scenarios (64 KiB zips at 64 connections, 512 KiB at 64, 64 KiB at 200)
#   build/bench/gateway-vs-nginx.sh --smoke    # 64 KiB zips at 8 connections, 3 s (CI sanity check)
#   BASELINE=main build/bench/gateway-vs-nginx.sh   # also the gateway built from that git ref ("before"), same run
# Env: MODULES (zips per size, default 32), SCENARIOS ("KiB:connections ..."), DURATION, THREADS, ROUNDS (each
# round runs every server once per scenario, in rotating order; medians are reported), BASELINE (a git ref),
# PERF=1 (perf record the gateway during its first run of each scenario; needs perf and DOTNET_PerfMapEnabled).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
smoke=false
[[ "${1:-}" == "--smoke" ]] && smoke=true
if $smoke; then
  duration="${DURATION:-3s}"; threads="${THREADS:-1}"; modules="${MODULES:-8}"; rounds="${ROUNDS:-1}"
  scenarios="${SCENARIOS:-64:8}"
else
  duration="${DURATION:-10s}"; threads="${THREADS:-2}"; modules="${MODULES:-32}"; rounds="${ROUNDS:-3}"
  scenarios="${SCENARIOS:-64:64 512:64 64:200}"
fi
baseline="${BASELINE:-}"

for tool in nginx wrk python3 dotnet curl; do
  command -v "$tool" >/dev/null || { echo "gateway-vs-nginx: '$tool' is required (apt-get install nginx-light wrk)" >&2; exit 2; }
done

work="$(mktemp -d /tmp/gdgw-bench.XXXXXX)"
chmod 755 "$work"  # nginx workers run as www-data when started by root
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  [[ -n "${GODOCKER_BENCH_KEEP:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
sizes="$(for s in $scenarios; do echo "${s%%:*}"; done | sort -un | tr '\n' ' ')"

# 1. A GOPROXY folder with $modules module zips of ~KiB each size (incompressible content, so sizes are real).
python3 - "$work/goproxy" "$modules" $sizes <<'PY'
import os, sys, zipfile
root, count = sys.argv[1], int(sys.argv[2])
for kb in map(int, sys.argv[3:]):
    for i in range(count):
        mod, ver = f"bench.invalid/k{kb}/m{i}", "v1.0.0"
        d = os.path.join(root, mod, "@v"); os.makedirs(d, exist_ok=True)
        gomod = f"module {mod}\n\ngo 1.19\n"
        open(os.path.join(d, "list"), "w").write(ver + "\n")
        open(os.path.join(d, ver + ".info"), "w").write('{"Version":"%s","Time":"2024-01-01T00:00:00Z"}\n' % ver)
        open(os.path.join(d, ver + ".mod"), "w").write(gomod)
        with zipfile.ZipFile(os.path.join(d, ver + ".zip"), "w", zipfile.ZIP_STORED) as z:
            z.writestr(f"{mod}@{ver}/go.mod", gomod)
            z.writestr(f"{mod}@{ver}/data.go", "package m\n// " + os.urandom(kb * 1024 // 2).hex() + "\n")
PY

# 2. nginx serving that folder as static files.
nginx_port="$(free_port)"
mkdir -p "$work/nginx/logs"
cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type application/octet-stream;
  types { application/zip zip; application/json info; }
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server { listen 127.0.0.1:$nginx_port; root $work/goproxy; }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=("$!")

wait_ready() { for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "not ready: $1" >&2; cat "$work/nginx/logs/error.log" "$work"/*.log >&2 2>/dev/null; curl -sS -v "$1" >&2; exit 1; }
wait_ready "http://127.0.0.1:$nginx_port/bench.invalid/k${sizes%% *}/m0/@v/list"

# 3. The gateway (Release build; with BASELINE also the one of that ref), nginx as upstream; every zip is fetched once
#    through each gateway (and compared byte for byte) so the runs measure cache hits.
servers=(nginx)
declare -A port
port[nginx]=$nginx_port
start_gateway() { # NAME SOURCE-FOLDER
  local name=$1 src=$2
  dotnet build "$src/src/GoDocker.ProxyGateway/GoDocker.ProxyGateway.csproj" -c Release -f net8.0 -nologo -v quiet -o "$work/$name-bin" >"$work/$name-build.log" 2>&1 \
    || { cat "$work/$name-build.log" >&2; exit 1; }
  port[$name]="$(free_port)"
  DOTNET_PerfMapEnabled="${PERF:+1}" dotnet "$work/$name-bin/GoDocker.ProxyGateway.dll" --cache "$work/$name-cache" --listen "127.0.0.1:${port[$name]}" \
    --upstream "http://127.0.0.1:$nginx_port" >"$work/$name.log" 2>&1 &
  pids+=("$!")
  declare -g "pid_$name=$!"
  servers+=("$name")
}
start_gateway gateway "$repo"
if [[ -n "$baseline" ]]; then
  mkdir -p "$work/baseline-src"
  git -C "$repo" archive "$baseline" | tar -x -C "$work/baseline-src"
  start_gateway baseline "$work/baseline-src"
fi
for name in "${servers[@]:1}"; do
  wait_ready "http://127.0.0.1:${port[$name]}/healthz"
  for kb in $sizes; do
    for i in $(seq 0 $((modules - 1))); do
      a="$(curl -fsS "http://127.0.0.1:${port[$name]}/bench.invalid/k$kb/m$i/@v/v1.0.0.zip" | sha256sum)"
      b="$(sha256sum <"$work/goproxy/bench.invalid/k$kb/m$i/@v/v1.0.0.zip")"
      [[ "$a" == "$b" ]] || { echo "$name served different bytes for k$kb/m$i" >&2; exit 1; }
    done
  done
done
fetches() { curl -fsS "http://127.0.0.1:${port[$1]}/metrics" | awk '/^godocker_proxy_upstream_fetches_total/ {print $2}'; }
declare -A fetched_before
for name in "${servers[@]:1}"; do fetched_before[$name]="$(fetches "$name")"; done

# 4. Same wrk script for all: round-robin over the zips of one size.
for kb in $sizes; do
  cat >"$work/zips-$kb.lua" <<LUA
local i = 0
request = function()
  i = (i + 1) % $modules
  return wrk.format("GET", "/bench.invalid/k$kb/m" .. i .. "/@v/v1.0.0.zip")
end
LUA
done

# Warm-up, the same for every server and not measured: a .NET server compiles its hot path (tiered JIT) during its
# first seconds of load, which the measured runs must not mix into a steady-state comparison. The first-request cost
# of a fresh gateway is what cold-path.sh measures.
for name in "${servers[@]}"; do
  for kb in $sizes; do
    wrk -t1 -c8 -d"${WARMUP:-3s}" -s "$work/zips-$kb.lua" "http://127.0.0.1:${port[$name]}" >/dev/null
  done
done

rps() { awk '/^Requests\/sec:/ {print $2}' <<<"$1"; }
p99_ms() { awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
  print (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v }' <<<"$1"; }
errors() { awk '/Non-2xx|Socket errors/ {print}' <<<"$1"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
summary="${GODOCKER_BENCH_SUMMARY:-/dev/null}"

echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') (sendfile, workers auto)"
echo "   servers: ${servers[*]}${baseline:+ (baseline = $baseline, $(git -C "$repo" rev-parse --short "$baseline"))}; $modules zips per size; wrk -t$threads -d$duration, $rounds rounds"
failed=0
for scenario in $scenarios; do
  kb=${scenario%%:*} conns=${scenario##*:}
  declare -A all_rps=() all_p99=()
  for round in $(seq 1 "$rounds"); do
    # Rotate who goes first, so load that drifts during a round falls on every server alike.
    order=("${servers[@]:round % ${#servers[@]}}" "${servers[@]:0:round % ${#servers[@]}}")
    for name in "${order[@]}"; do
      perf_pid=""
      if [[ -n "${PERF:-}" && $round == 1 && $name != nginx ]]; then
        pid_var="pid_$name"
        perf record -F 999 -g -p "$(pgrep -P "${!pid_var}" -x dotnet || echo "${!pid_var}")" -o "$work/perf-$name-$kb-$conns.data" >/dev/null 2>&1 &
        perf_pid=$!
      fi
      out="$(wrk -t"$threads" -c"$conns" -d"$duration" --latency -s "$work/zips-$kb.lua" "http://127.0.0.1:${port[$name]}")"
      [[ -z "$perf_pid" ]] || { kill -INT "$perf_pid"; wait "$perf_pid" || true; }
      echo "$out" >>"$work/wrk-$name-$kb-$conns.log"
      all_rps[$name]+="$(rps "$out") "
      all_p99[$name]+="$(p99_ms "$out") "
      e="$(errors "$out")"
      [[ -z "$e" ]] || { echo "   $name $kb KiB c$conns round $round: $e"; [[ $name == nginx ]] || failed=1; }
    done
  done
  echo
  echo "-- ${kb} KiB zips, $conns connections (req/s and p99 per round; median)"
  nr="$(median ${all_rps[nginx]})" np="$(median ${all_p99[nginx]})"
  for name in "${servers[@]}"; do
    r="$(median ${all_rps[$name]})" p="$(median ${all_p99[$name]})"
    printf '   %-9s %10.0f req/s  p99 %8.2f ms   ratio %.2f   [req/s: %s| p99 ms: %s]\n' "$name" "$r" "$p" \
      "$(python3 -c "print($r / $nr)")" "${all_rps[$name]}" "${all_p99[$name]}"
  done
  for name in "${servers[@]:1}"; do
    r="$(median ${all_rps[$name]})" p="$(median ${all_p99[$name]})"
    verdict="$(python3 -c "print('PASS' if $r / $nr >= 0.8 and $p <= $np else 'MISS')")"
    line="$(python3 -c "print('%.2f' % ($r / $nr))")"
    echo "RESULT gateway-vs-nginx-${kb}k-c$conns-$name throughput=$line target>=0.80 p99=${p}ms nginx-p99=${np}ms $verdict"
    printf '%s\t%s\t%s\t%s\n' "gateway-vs-nginx-${kb}k-c$conns-$name" "$line (p99 $p vs $np ms)" ">= 0.80, p99 <= nginx" "$verdict" >>"$summary"
  done
  unset all_rps all_p99
done

echo
for name in "${servers[@]:1}"; do
  n=$(( $(fetches "$name") - ${fetched_before[$name]} ))
  echo "RESULT gateway-vs-nginx-upstream-fetches-$name value=$n expected=0 $([[ $n == 0 ]] && echo PASS || echo FAIL)"
  printf '%s\t%s\t%s\t%s\n' "gateway-vs-nginx-upstream-fetches-$name" "$n" "= 0" "$([[ $n == 0 ]] && echo PASS || echo FAIL)" >>"$summary"
  [[ $n == 0 ]] || failed=1
done
if [[ -n "${PERF:-}" ]]; then
  for f in "$work"/perf-*.data; do
    echo "== perf: $f (by library, then the top symbols)"
    perf report -i "$f" --no-children -g none --sort dso --stdio 2>/dev/null | grep -v '^#' | grep '%' | head -12 || true
    perf report -i "$f" --no-children -g none --sort dso,sym --stdio 2>/dev/null | grep -v '^#' | grep '%' | head -40 || true
  done
fi
exit "$failed"
