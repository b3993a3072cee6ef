#!/usr/bin/env bash
# Shared by the build/bench scripts: --smoke, the packed SDK and tool, the helper servers, timing, medians, ratios.
# Each script sources this, then measures its subject AND its reference in the same run, interleaved, so machine
# load hits both alike.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/../.." && pwd)
smoke=0
for arg in "$@"; do
  case $arg in
    --smoke) smoke=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (use --smoke)" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/godocker-bench.XXXXXX")
# Servers are started from command substitutions (subshells), so their pids go to a file, not a variable.
bench_cleanup() {
  local pid
  if [[ -f $work/pids ]]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$work/pids"
    # A server that ignores SIGTERM (Kestrel's host waits for its lifetime) must not hang the run: 5 s, then SIGKILL.
    while read -r pid; do
      local i
      for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    done <"$work/pids"
  fi
  [[ ${GODOCKER_BENCH_KEEP:-0} == 1 ]] || rm -rf "$work"
}
trap bench_cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Every dotnet command here runs without build servers: same conditions for subject and reference (see README).
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDTERMINALLOGGER=off
export DOCKER_BUILDKIT=1
docker=/usr/bin/docker
base_image=godocker-test/golang:1.19
runtime_image=godocker-test/runtime:1

say() { printf '%s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

now_ms() { date +%s%3N; }

# median of the arguments (integers)
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'; }

# verdict NAME RATIO TARGET: prints and records PASS/MISS (timing targets never fail the script: load varies)
verdict() {
  local name=$1 r=$2 target=$3 v
  v=$(awk -v r="$r" -v t="$target" 'BEGIN {print (r <= t) ? "PASS" : "MISS"}')
  say "RESULT $name ratio=$r target<=$target $v"
  [[ -z ${GODOCKER_BENCH_SUMMARY:-} ]] || printf '%s\t%s\t<= %s\t%s\n' "$name" "$r" "$target" "$v" >>"$GODOCKER_BENCH_SUMMARY"
}

# fact NAME VALUE EXPECTED: a deterministic figure (bytes, requests); a mismatch fails the script, smoke or not.
fact() {
  local name=$1 value=$2 expected=$3 v=PASS
  [[ $value == "$expected" ]] || v=FAIL
  say "RESULT $name value=$value expected=$expected $v"
  [[ -z ${GODOCKER_BENCH_SUMMARY:-} ]] || printf '%s\t%s\t= %s\t%s\n' "$name" "$value" "$expected" "$v" >>"$GODOCKER_BENCH_SUMMARY"
  [[ $v == PASS ]] || bench_failed=1
}
bench_failed=0

# run_logged LOG CMD...: runs, appending output to LOG; on failure shows its tail and stops.
run_logged() {
  local log=$1; shift
  if ! "$@" >>"$log" 2>&1; then
    tail -n 60 "$log" >&2
    die "failed: $*"
  fi
}

# timed_ms LOG CMD...: prints the wall time of CMD in ms.
timed_ms() {
  local log=$1 start; shift
  start=$(now_ms)
  run_logged "$log" "$@"
  echo $(( $(now_ms) - start ))
}

require_docker() {
  $docker version --format '{{.Server.Version}}' >/dev/null 2>&1 || die "no Docker engine answers (run build/docker-setup.sh)"
  $docker image inspect "$base_image" >/dev/null 2>&1 || die "image $base_image missing (run build/test-images.sh)"
}

# The helper tools (counting proxy, blackhole, module generator) and BenchmarkDotNet, built once per run-all.
bench_tools() {
  if [[ -z ${GODOCKER_BENCH_TOOLS:-} ]]; then
    GODOCKER_BENCH_TOOLS=$work/tools
    run_logged "$work/tools.log" dotnet build "$bench_dir/GoDocker.Benchmarks/GoDocker.Benchmarks.csproj" -c Release -o "$GODOCKER_BENCH_TOOLS" -nologo -v:q
    export GODOCKER_BENCH_TOOLS
  fi
}
tool() { dotnet "$GODOCKER_BENCH_TOOLS/GoDocker.Benchmarks.dll" "$@"; }

# GoDocker.Sdk and GoDocker.Tool packed with a unique version into a feed of this run, restored into an isolated
# package folder so no stale or global copy is measured.
bench_packages() {
  if [[ -z ${GODOCKER_BENCH_FEED:-} ]]; then
    GODOCKER_BENCH_VERSION=0.1.0-bench.$(date -u +%Y%m%d%H%M%S).$$
    GODOCKER_BENCH_FEED=$work/feed
    GODOCKER_BENCH_NUGET=$work/nuget-packages
    local p
    for p in src/GoDocker.Sdk/GoDocker.Sdk.csproj src/GoDocker.Cli/GoDocker.Cli.csproj; do
      run_logged "$work/pack.log" dotnet pack "$repo/$p" -c Release -o "$GODOCKER_BENCH_FEED" -p:Version="$GODOCKER_BENCH_VERSION" -nologo -v:q -p:TreatWarningsAsErrors=false
    done
    export GODOCKER_BENCH_VERSION GODOCKER_BENCH_FEED GODOCKER_BENCH_NUGET
  fi
  export NUGET_PACKAGES=$GODOCKER_BENCH_NUGET
}

# start_server NAME ARGS...: runs a helper server in the background; prints its port once it listens.
start_server() {
  local name=$1 out=$work/$1.out i; shift
  # exec: the background subshell becomes dotnet, so $! is the server's own pid (bash does not exec by itself when
  # traps are set, and the function's subshell would hide it).
  (exec dotnet "$GODOCKER_BENCH_TOOLS/GoDocker.Benchmarks.dll" "$@" --port 0 >"$out" 2>&1) &
  echo $! >>"$work/pids"
  for i in $(seq 1 300); do
    if grep -q '127.0.0.1:[0-9]' "$out" 2>/dev/null; then
      grep -o '127.0.0.1:[0-9]*' "$out" | head -n 1 | cut -d: -f2
      return
    fi
    sleep 0.1
  done
  cat "$out" >&2
  die "$name did not start"
}

# The proxy appends to its log through an open handle, so the log is never truncated: scripts mark its length and
# read what came after. proxy_mark LOG prints the mark; proxy_since LOG MARK OUT writes the requests since.
proxy_mark() { wc -l <"$1"; }
proxy_since() { tail -n +"$(( $2 + 1 ))" "$1" >"$3"; }

# Sums a counting proxy's log (path TAB status TAB bytes): requests and body bytes, optionally for paths matching a regex.
log_requests() { awk -F'\t' -v re="${2:-.}" '$1 ~ re {n++} END {print n+0}' "$1" 2>/dev/null || echo 0; }
log_bytes() { awk -F'\t' -v re="${2:-.}" '$1 ~ re && $2 == 200 {b+=$3} END {print b+0}' "$1" 2>/dev/null || echo 0; }

# make_service DIR PROXY_PORT PROXY_ROOT: a Go service with one generated dependency, its .goproj on the packed
# SDK, and go.sum written by our own h1 hasher (the deps stage's `go mod verify` checks it).
make_service() {
  local dir=$1 port=$2 root=$3 dep=example.com/bench/dep$RANDOM$RANDOM
  mkdir -p "$dir"
  tool module --root "$root" --path "$dep" --version v1.0.0 --files 16 --bytes 8192 >"$dir/go.sum"
  printf 'module example.com/bench/service\n\ngo 1.19\n\nrequire %s v1.0.0\n' "$dep" >"$dir/go.mod"
  printf 'package main\n\nimport (\n\t"fmt"\n\n\tdep "%s"\n)\n\nfunc main() { fmt.Println(dep.C0_0) }\n' "$dep" >"$dir/main.go"
  cat >"$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="bench-feed" value="$GODOCKER_BENCH_FEED" />
  </packageSources>
</configuration>
XML
  cat >"$dir/service.goproj" <<XML
<Project Sdk="GoDocker.Sdk/$GODOCKER_BENCH_VERSION">
  <PropertyGroup>
    <GoProxy>http://127.0.0.1:$port</GoProxy>
    <GoSumDb>off</GoSumDb>
    <GoBaseImage>$base_image</GoBaseImage>
    <GoRuntimeImage>$runtime_image</GoRuntimeImage>
    <GoDockerNetwork>host</GoDockerNetwork>
    <GoDockerfileSyntax></GoDockerfileSyntax>
    <GoVerifyTimeout>3</GoVerifyTimeout>
  </PropertyGroup>
</Project>
XML
}
