#!/usr/bin/env bash
# Download stage with nothing changed but obj/Debug/godocker/download.stamp removed: the GoDockerDownload target (its
# time from MSBuild's performance summary) against the same `docker build --target deps` run by hand on the same
# Dockerfile. Target: ratio <= 1.15, and zero bytes requested from the module proxy.
# Usage: build/bench/download-stage.sh [--smoke]
source "$(dirname "$0")/lib.sh"
runs=$(( smoke ? 3 : 10 ))
require_docker
bench_tools
bench_packages

root=$work/proxy
mkdir -p "$root"
port=$(start_server proxy proxy --root "$root" --log "$work/proxy.log")
svc=$work/service
make_service "$svc" "$port" "$root"
stamp=$svc/obj/Debug/godocker/download.stamp
dockerfile=$svc/obj/Debug/godocker/Dockerfile

say "warming up: the first build downloads the dependency into the BuildKit cache mount"
run_logged "$work/build.log" dotnet build "$svc/service.goproj" -nodeReuse:false -nologo -v:q
[[ -f $stamp ]] || die "the first build left no $stamp"
mark=$(proxy_mark "$work/proxy.log")

# The target's own time: MSBuild's per-target summary line "<ms> ms  GoDockerDownload  1 calls".
target_ms() {
  local out=$work/target.out
  rm -f "$stamp"
  run_logged "$work/build.log" dotnet build "$svc/service.goproj" -nodeReuse:false -nologo -v:m -clp:PerformanceSummary
  # run_logged appended; read the last summary line for the target.
  grep -E '^\s+[0-9]+ ms\s+GoDockerDownload\s' "$work/build.log" | tail -n 1 | awk '{print $1}'
  [[ -f $stamp ]] || die "the download target did not run again"
}
by_hand_ms() {
  # Exactly the arguments the task passes (DockerBuildCommand.ForDownloadStage), from the project folder.
  (cd "$svc" && timed_ms "$work/docker.log" $docker build --file "$dockerfile" --target deps --network host --progress plain "$svc")
}

ours=() hand=() whole=()
for i in $(seq 1 "$runs"); do
  start=$(now_ms)
  ours+=("$(target_ms)")
  whole+=($(( $(now_ms) - start )))
  hand+=("$(by_hand_ms)")
done
proxy_since "$work/proxy.log" "$mark" "$work/requests.log"
o=$(median "${ours[@]}")
h=$(median "${hand[@]}")
w=$(median "${whole[@]}")
say "download stage, $runs runs each, median: GoDockerDownload target ${o} ms, docker build --target deps by hand ${h} ms (whole dotnet build ${w} ms)"
say "  target runs:  ${ours[*]}"
say "  by hand runs: ${hand[*]}"
# Where the target's time goes, from one more build under strace (not part of the medians): the docker CLI processes
# the task starts, with their duration, and the task's own connections to the engine socket (Docker.DotNet's probe).
if command -v strace >/dev/null; then
  rm -f "$stamp"
  strace -f -tt -e trace=execve,connect -o "$work/strace.log" \
    dotnet build "$svc/service.goproj" -nodeReuse:false -nologo -v:m -clp:PerformanceSummary >"$work/strace-build.log" 2>&1 || true
  say "  profile of one more run (strace -f; GoDockerDownload took $(grep -E '^\s+[0-9]+ ms\s+GoDockerDownload\s' "$work/strace-build.log" | tail -n 1 | awk '{print $1}') ms under strace):"
  awk '
    function ms(t,  a) { split(t, a, ":"); return (a[1] * 3600 + a[2] * 60 + a[3]) * 1000 }
    /execve\("\/usr\/(local\/)?bin\/docker"/ && !/ENOENT/ {
      pid = $1; start[pid] = ms($2); line = $0; sub(/^[^[]*\[/, "", line); sub(/\].*/, "", line); gsub(/"/, "", line); what[pid] = substr(line, 1, 60); order[++n] = pid
    }
    /exited with/ && ($1 in start) { stop[$1] = ms($2) }
    /docker\.sock/ && n == 0 { probes++; if (!first) first = ms($2); last = ms($2) }
    END {
      if (probes) printf "    engine probe (Docker.DotNet): %d connections over %d ms before the first docker CLI process\n", probes, (n ? start[order[1]] : last) - first
      for (i = 1; i <= n; i++) { p = order[i]; printf "    %5d ms  %s\n", stop[p] - start[p], what[p] }
    }' "$work/strace.log"
fi
verdict download-stage "$(ratio "$o" "$h")" 1.15
fact download-stage-proxy-bytes "$(log_bytes "$work/requests.log")" 0
fact download-stage-proxy-requests "$(log_requests "$work/requests.log")" 0
exit $bench_failed
