#!/usr/bin/env bash
# A CI runner starts with an empty Docker engine. Each cache mode's second run ("run 2") is timed on a fresh engine (a
# second dockerd with an empty --data-root, started here; only the base images are loaded into it) with a fresh
# checkout, carrying over only what that mode's CI cache carries: nothing (Mount), the GoModCacheDir folder (Gateway),
# or an image with an inline layer cache in a registry (Layer, the only layer cache docker 20.10's built-in BuildKit
# exports). Reference: a warm local build with Mount (same engine as before, fresh checkout). Reports run-2 time
# ratios and the bytes each mode's run 2 requests from the upstream module proxy.
# Usage: build/bench/ci-fresh-runner.sh [--smoke]
source "$(dirname "$0")/lib.sh"
require_docker
bench_tools
bench_packages
command -v /usr/sbin/dockerd >/dev/null || die "no /usr/sbin/dockerd"
[[ $(id -u) == 0 ]] || die "starting a second dockerd needs root"

root=$work/proxy
mkdir -p "$root"
port=$(start_server proxy proxy --root "$root" --log "$work/proxy.log")
template=$work/template
make_service "$template" "$port" "$root"
# The checkout's .goproj with one mode's properties (the template's PropertyGroup gets them before its end).
checkout() { # DIR PROPERTIES-XML
  rm -rf "$1"; cp -r "$template" "$1"
  sed -i "s#</PropertyGroup>#$2</PropertyGroup>#" "$1/service.goproj"
}

engines=()
# fresh_engine: starts a dockerd with an empty state under $work, loads the base images, prints its DOCKER_HOST.
fresh_engine() {
  local dir i
  dir=$(mktemp -d /tmp/gdfe-bench.XXXXXX)
  (exec /usr/sbin/dockerd --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
     --host "unix://$dir/docker.sock" --bridge=none --iptables=false --ip-masq=false >"$dir/dockerd.log" 2>&1) &
  echo "$! $dir" >>"$work/engines"
  for i in $(seq 1 240); do
    $docker -H "unix://$dir/docker.sock" version >/dev/null 2>&1 && break
    sleep 0.25
  done
  $docker save "$base_image" "$runtime_image" | $docker -H "unix://$dir/docker.sock" load >/dev/null
  echo "unix://$dir/docker.sock"
}
stop_engines() {
  local pid dir
  [[ -f $work/engines ]] || return 0
  while read -r pid dir; do
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    rm -rf "$dir" 2>/dev/null || true
  done <"$work/engines"
  : >"$work/engines"
}
trap 'stop_engines; bench_cleanup' EXIT

# Bytes of module files (.info/.mod/.zip, status 200) the proxy served since MARK.
download_re='/@v/[^/]*\.(info|mod|zip)$'
bytes_since() { proxy_since "$work/proxy.log" "$1" "$work/since.log"; log_bytes "$work/since.log" "$download_re"; }

build() { # LOG DIR [DOCKER_HOST]
  if [[ -n ${3:-} ]]; then DOCKER_HOST=$3 timed_ms "$1" dotnet build "$2/service.goproj" -nodeReuse:false -nologo -v:q
  else timed_ms "$1" dotnet build "$2/service.goproj" -nodeReuse:false -nologo -v:q; fi
}

# A registry for the Layer mode's inline cache image.
reg_port=$(( 20000 + RANDOM % 20000 ))
mkdir -p "$work/registry"
printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' "$work/registry/data" "$reg_port" >"$work/registry/config.yml"
(exec /usr/bin/docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1) &
echo $! >>"$work/pids"
cache_image=127.0.0.1:$reg_port/bench/service-deps:cache

iterations=3
(( smoke )) && iterations=1
warm=() gateway=() mount=() layer=()
for i in $(seq 1 "$iterations"); do
  # Warm local Mount: the engine built this service before; a fresh checkout builds again.
  checkout "$work/warm" ""
  run_logged "$work/build.log" dotnet build "$work/warm/service.goproj" -nodeReuse:false -nologo -v:q
  checkout "$work/warm" ""
  mark=$(proxy_mark "$work/proxy.log")
  warm+=("$(build "$work/build.log" "$work/warm")")
  warm_bytes=$(bytes_since "$mark")

  # Mount on a fresh runner: nothing carries over.
  host=$(fresh_engine)
  checkout "$work/mount" ""
  mark=$(proxy_mark "$work/proxy.log")
  mount+=("$(build "$work/build.log" "$work/mount" "$host")")
  mount_bytes=$(bytes_since "$mark")
  stop_engines

  # Gateway: run 1 fills the cache folder, run 2 restores a copy of it on another fresh engine.
  rm -rf "$work/ci-cache" "$work/ci-cache-restored"
  props="<GoModCacheMode>Gateway</GoModCacheMode><GoModCacheDir>$work/ci-cache</GoModCacheDir>"
  host=$(fresh_engine); checkout "$work/gw" "$props"
  run_logged "$work/build.log" env DOCKER_HOST="$host" dotnet build "$work/gw/service.goproj" -nodeReuse:false -nologo -v:q
  stop_engines
  cp -r "$work/ci-cache" "$work/ci-cache-restored"
  host=$(fresh_engine); checkout "$work/gw" "<GoModCacheMode>Gateway</GoModCacheMode><GoModCacheDir>$work/ci-cache-restored</GoModCacheDir>"
  mark=$(proxy_mark "$work/proxy.log")
  gateway+=("$(build "$work/build.log" "$work/gw" "$host")")
  gateway_bytes=$(bytes_since "$mark")
  stop_engines

  # Layer, as docs/ci.md sets it: every run imports and exports the same registry image (without buildx the build
  # pushes the deps stage with its inline cache); run 2, with the default GoVerify, imports it.
  layer_cache="<GoModCacheMode>Layer</GoModCacheMode><GoDockerCacheFrom>$cache_image</GoDockerCacheFrom><GoDockerCacheTo>type=registry,ref=$cache_image</GoDockerCacheTo>"
  host=$(fresh_engine); checkout "$work/layer" "$layer_cache"
  run_logged "$work/build.log" env DOCKER_HOST="$host" dotnet build "$work/layer/service.goproj" -nodeReuse:false -nologo -v:q
  stop_engines
  host=$(fresh_engine); checkout "$work/layer" "$layer_cache"
  mark=$(proxy_mark "$work/proxy.log")
  layer+=("$(build "$work/build.log" "$work/layer" "$host")")
  layer_bytes=$(bytes_since "$mark")
  stop_engines
done

w=$(median "${warm[@]}") g=$(median "${gateway[@]}") m=$(median "${mount[@]}") l=$(median "${layer[@]}")
say "run 2, median of $iterations (ms): warm local Mount $w | fresh runner: Mount $m, Gateway $g, Layer (inline cache from a registry) $l"
say "module bytes from upstream in run 2: warm Mount $warm_bytes | Mount $mount_bytes, Gateway $gateway_bytes, Layer $layer_bytes"
say "module files of the service's dependency in the proxy: $(du -cb "$root"/example.com/bench/*/@v/*.{info,mod,zip} 2>/dev/null | tail -n 1 | cut -f1) bytes"
verdict ci-fresh-runner-gateway-vs-warm-mount "$(ratio "$g" "$w")" 3.00
verdict ci-fresh-runner-layer-vs-warm-mount "$(ratio "$l" "$w")" 3.00
say "RESULT ci-fresh-runner-mount-vs-warm-mount ratio=$(ratio "$m" "$w") (no cache carried: the reference for what a CI cache saves)"
fact ci-fresh-runner-gateway-upstream-bytes "$gateway_bytes" 0
fact ci-fresh-runner-layer-upstream-bytes "$layer_bytes" 0
fact ci-fresh-runner-warm-mount-upstream-bytes "$warm_bytes" 0
exit $bench_failed
