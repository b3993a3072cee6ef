#!/usr/bin/env bash
# One .go file changed: a warm `dotnet build` of a .goproj reruns only the build stage (generate, verify and download
# are up to date). The GoDockerCompile target (its time from MSBuild's performance summary, as download-stage.sh
# measures GoDockerDownload) against the same `docker build --target build` of the generated Dockerfile run by hand;
# the whole `dotnet build` is reported beside it. Target: ratio <= 1.15.   Usage: build/bench/go-file-changed.sh [--smoke]
source "$(dirname "$0")/lib.sh"
runs=$(( smoke ? 3 : 9 ))
require_docker
bench_tools
bench_packages

root=$work/proxy
mkdir -p "$root"
port=$(start_server proxy proxy --root "$root" --log "$work/proxy.log")
svc=$work/service
make_service "$svc" "$port" "$root"
flags=(-nodeReuse:false -nologo -v:q)
dockerfile=$svc/obj/Debug/godocker/Dockerfile

say "warming up (the first build restores, downloads and compiles into the cache mounts)"
run_logged "$work/build.log" dotnet build "$svc/service.goproj" "${flags[@]}"
run_logged "$work/build.log" dotnet build "$svc/service.goproj" "${flags[@]}"

# A real edit each time: the printed text changes, so go build recompiles the package.
edit=0
change_go_file() {
  edit=$(( edit + 1 ))
  printf 'package main\n\nimport (\n\t"fmt"\n\n\tdep "%s"\n)\n\nfunc main() { fmt.Println("edit %d", dep.C0_0) }\n' \
    "$(awk '/^require/ {print $2}' "$svc/go.mod")" "$edit" >"$svc/main.go"
}

# The target's own time: MSBuild's per-target summary line "<ms> ms  GoDockerCompile  1 calls".
target_ms() {
  run_logged "$work/build.log" dotnet build "$svc/service.goproj" -nodeReuse:false -nologo -v:n -clp:PerformanceSummary
  grep -q 'Skipping target "GoDockerDownload"' <(tail -n 400 "$work/build.log") || die "the download step ran again for a .go edit"
  grep -E '^\s+[0-9]+ ms\s+GoDockerCompile\s' "$work/build.log" | tail -n 1 | awk '{print $1}'
}

ours=() by_hand=() whole=()
for i in $(seq 1 "$runs"); do
  # Interleaved so load from other processes falls on both alike; each run compiles a new edit.
  change_go_file
  start=$(now_ms)
  ours+=("$(target_ms)")
  whole+=($(( $(now_ms) - start )))
  change_go_file
  by_hand+=("$(cd "$svc" && timed_ms "$work/docker.log" env DOCKER_BUILDKIT=1 "$docker" build --file "$dockerfile" --target build --network host --progress plain "$svc")")
done

a=$(median "${ours[@]}") b=$(median "${by_hand[@]}") w=$(median "${whole[@]}")
say "one .go file changed, $runs runs each, median: GoDockerCompile target ${a} ms, docker build --target build by hand ${b} ms (whole dotnet build ${w} ms)"
say "  target runs:  ${ours[*]}"
say "  by hand runs: ${by_hand[*]}"
say "  whole builds: ${whole[*]}"
verdict go-file-changed "$(ratio "$a" "$b")" 1.15
exit $bench_failed
