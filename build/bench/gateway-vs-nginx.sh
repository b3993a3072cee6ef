#!/usr/bin/env bash
# Serves the same module zips through the GoDocker proxy gateway (cache hits) and through Debian's nginx (static
# files, sendfile) on 127.0.0.1, loads both with the same wrk script, and prints throughput, p99 and their ratio.
#   build/bench/gateway-vs-nginx.sh            # 20 s per server, 64 connections
#   build/bench/gateway-vs-nginx.sh --smoke    # 3 s per server, 8 connections (CI sanity check)
# Env: MODULES (count, default 32), ZIP_KB (approximate zip size, default 64), DURATION, CONNECTIONS, THREADS.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
smoke=false
[[ "${1:-}" == "--smoke" ]] && smoke=true
if $smoke; then
  duration="${DURATION:-3s}"; connections="${CONNECTIONS:-8}"; threads="${THREADS:-1}"; modules="${MODULES:-8}"
else
  duration="${DURATION:-20s}"; connections="${CONNECTIONS:-64}"; threads="${THREADS:-2}"; modules="${MODULES:-32}"
fi
zip_kb="${ZIP_KB:-64}"

for tool in nginx wrk python3 dotnet curl; do
  command -v "$tool" >/dev/null || { echo "gateway-vs-nginx: '$tool' is required (apt-get install nginx-light wrk)" >&2; exit 2; }
done

work="$(mktemp -d /tmp/gdgw-bench.XXXXXX)"
chmod 755 "$work"  # nginx workers run as www-data when started by root
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# 1. A GOPROXY folder with $modules module zips of ~$zip_kb KiB (incompressible content, so sizes are real).
python3 - "$work/goproxy" "$modules" "$zip_kb" <<'PY'
import os, sys, zipfile
root, count, kb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(count):
    mod, ver = f"bench.invalid/m{i}", "v1.0.0"
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

# 3. The gateway (Release build), with nginx as its upstream; every zip is fetched once so the run measures cache hits.
dotnet build "$repo/src/GoDocker.ProxyGateway/GoDocker.ProxyGateway.csproj" -c Release -nologo -v quiet -o "$work/gateway-bin" >/dev/null
gateway_port="$(free_port)"
dotnet "$work/gateway-bin/GoDocker.ProxyGateway.dll" --cache "$work/cache" --listen "127.0.0.1:$gateway_port" \
  --upstream "http://127.0.0.1:$nginx_port" >"$work/gateway.log" 2>&1 &
pids+=("$!")

wait_ready() { for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "not ready: $1" >&2; cat "$work/nginx/logs/error.log" "$work/gateway.log" >&2 2>/dev/null; curl -sS -v "$1" >&2; exit 1; }
wait_ready "http://127.0.0.1:$nginx_port/bench.invalid/m0/@v/list"
wait_ready "http://127.0.0.1:$gateway_port/healthz"
for i in $(seq 0 $((modules - 1))); do
  a="$(curl -fsS "http://127.0.0.1:$gateway_port/bench.invalid/m$i/@v/v1.0.0.zip" | sha256sum)"
  b="$(sha256sum <"$work/goproxy/bench.invalid/m$i/@v/v1.0.0.zip")"
  [[ "$a" == "$b" ]] || { echo "gateway served different bytes for m$i" >&2; exit 1; }
done

# 4. Same wrk script for both: round-robin over the zips.
cat >"$work/zips.lua" <<LUA
local i = 0
request = function()
  i = (i + 1) % $modules
  return wrk.format("GET", "/bench.invalid/m" .. i .. "/@v/v1.0.0.zip")
end
LUA

run() { wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/zips.lua" "$1" ; }
rps() { awk '/^Requests\/sec:/ {print $2}' <<<"$1"; }
p99() { awk '$1 == "99%" {print $2}' <<<"$1"; }

echo "== nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') (sendfile, workers auto) on 127.0.0.1:$nginx_port"
nginx_out="$(run "http://127.0.0.1:$nginx_port")"; echo "$nginx_out"
echo "== gateway on 127.0.0.1:$gateway_port"
gateway_out="$(run "http://127.0.0.1:$gateway_port")"; echo "$gateway_out"

hits="$(curl -fsS "http://127.0.0.1:$gateway_port/metrics" | awk '/^godocker_proxy_upstream_fetches_total/ {print $2}')"
nr="$(rps "$nginx_out")"; gr="$(rps "$gateway_out")"
echo
echo "zips: $modules x ~${zip_kb} KiB; wrk -t$threads -c$connections -d$duration; upstream fetches during the run: $((hits - modules))"
printf 'nginx   : %10s req/s   p99 %s\n' "$nr" "$(p99 "$nginx_out")"
printf 'gateway : %10s req/s   p99 %s\n' "$gr" "$(p99 "$gateway_out")"
python3 -c "print('throughput ratio gateway/nginx: %.2f' % ($gr / $nr))"
