#!/usr/bin/env bash
# No-op build overhead: a warm `dotnet build` of a .goproj with nothing changed, against a warm `dotnet build` of the
# equivalent Microsoft.Build.NoTargets 3.7.0 project (same folder content, same TargetFramework), same flags.
# Target: ratio <= 1.10.   Usage: build/bench/noop-build.sh [--smoke]
source "$(dirname "$0")/lib.sh"
runs=$(( smoke ? 3 : 15 ))
require_docker
bench_tools
bench_packages

root=$work/proxy
mkdir -p "$root"
port=$(start_server proxy proxy --root "$root" --log "$work/proxy.log")
make_service "$work/goproj" "$port" "$root"

# The reference: the same Go sources beside a NoTargets project that does nothing but build nothing.
mkdir -p "$work/notargets"
cp "$work/goproj/go.mod" "$work/goproj/go.sum" "$work/goproj/main.go" "$work/notargets/"
cat >"$work/notargets/service.proj" <<'XML'
<Project Sdk="Microsoft.Build.NoTargets/3.7.0">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
  </PropertyGroup>
</Project>
XML

# -nodeReuse:false (and no MSBuild server) for both: every CI build is a fresh process, and a reused node would keep
# our tasks assembly loaded and JIT-compiled between iterations, hiding the cost a CI user pays on every build.
flags=(-nodeReuse:false -nologo -v:q)
say "warming up (first builds restore, run the download stage and write the stamps)"
run_logged "$work/build.log" dotnet build "$work/goproj/service.goproj" "${flags[@]}"
run_logged "$work/build.log" dotnet build "$work/notargets/service.proj" "${flags[@]}"
run_logged "$work/build.log" dotnet build "$work/goproj/service.goproj" "${flags[@]}"
run_logged "$work/build.log" dotnet build "$work/notargets/service.proj" "${flags[@]}"
mark=$(proxy_mark "$work/proxy.log")

goproj=() notargets=()
for i in $(seq 1 "$runs"); do
  # Interleaved so load from other processes falls on both alike.
  goproj+=("$(timed_ms "$work/build.log" dotnet build "$work/goproj/service.goproj" "${flags[@]}")")
  notargets+=("$(timed_ms "$work/build.log" dotnet build "$work/notargets/service.proj" "${flags[@]}")")
done
proxy_since "$work/proxy.log" "$mark" "$work/requests.log"
g=$(median "${goproj[@]}")
n=$(median "${notargets[@]}")
say "no-op dotnet build, $runs runs each, median: .goproj ${g} ms, NoTargets ${n} ms"
say "  .goproj runs:   ${goproj[*]}"
say "  NoTargets runs: ${notargets[*]}"
# Where the difference goes: our targets' and tasks' own times in one more build (not part of the medians).
run_logged "$work/perf.log" dotnet build "$work/goproj/service.goproj" "${flags[@]}" -v:m -clp:PerformanceSummary
say "  our targets and tasks in one more no-op build (MSBuild performance summary):"
grep -E '^\s+[0-9]+ ms\s+(_?GoDocker[A-Za-z]*)\s' "$work/perf.log" | sort -u -k3,3 | sed 's/^ */    /'
verdict noop-build "$(ratio "$g" "$n")" 1.10
fact noop-build-proxy-requests "$(log_requests "$work/requests.log")" 0
exit $bench_failed
