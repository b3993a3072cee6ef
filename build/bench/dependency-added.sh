#!/usr/bin/env bash
# One dependency added to go.mod: the rebuild asks the module proxy for that module's files only, because the
# BuildKit cache mount keeps every module already downloaded. Reports the bytes requested for the new module against
# the size of its files in the proxy, and the bytes requested for anything else (must be 0).
# Usage: build/bench/dependency-added.sh [--smoke]
source "$(dirname "$0")/lib.sh"
require_docker
bench_tools
bench_packages

root=$work/proxy
mkdir -p "$root"
port=$(start_server proxy proxy --root "$root" --log "$work/proxy.log")
svc=$work/service
make_service "$svc" "$port" "$root"

say "warming up: the first build downloads the first dependency into the BuildKit cache mount"
run_logged "$work/build.log" dotnet build "$svc/service.goproj" -nodeReuse:false -nologo -v:q

added=example.com/bench/added$RANDOM$RANDOM
tool module --root "$root" --path "$added" --version v1.0.0 --files 32 --bytes 16384 >>"$svc/go.sum"
printf '\nrequire %s v1.0.0\n' "$added" >>"$svc/go.mod"
mark=$(proxy_mark "$work/proxy.log")
ms=$(timed_ms "$work/build.log" dotnet build "$svc/service.goproj" -nodeReuse:false -nologo -v:q)
proxy_since "$work/proxy.log" "$mark" "$work/requests.log"

# Go module paths reach the proxy case-escaped; these are lower case already.
module_re="^/$added/@v/"
files_bytes=0
for f in "$root/$added/@v/"*; do
  name=${f##*/}
  # Only files the go command fetches for a pinned version count: list is for queries, never needed here.
  [[ $name == list ]] && continue
  files_bytes=$(( files_bytes + $(stat -c %s "$f") ))
done
# Downloads are .info/.mod/.zip requests. Verification probes (GET / and a required module's @v/list, which the go
# command never needs for a pinned version) are counted apart: they are the preflight, not the download.
download_re='/@v/[^/]*\.(info|mod|zip)$'
module_bytes=$(log_bytes "$work/requests.log" "$module_re")
other_bytes=$(awk -F'\t' -v re="$module_re" -v dl="$download_re" '$1 !~ re && $1 ~ dl && $2 == 200 {b+=$3} END {print b+0}' "$work/requests.log")
probe_requests=$(awk -F'\t' -v dl="$download_re" '$1 !~ dl {n++} END {print n+0}' "$work/requests.log")
probe_bytes=$(awk -F'\t' -v dl="$download_re" '$1 !~ dl {b+=$3} END {print b+0}' "$work/requests.log")
total_bytes=$(awk -F'\t' '{b+=$3} END {print b+0}' "$work/requests.log")
say "dependency added, rebuild in ${ms} ms: ${total_bytes} bytes requested in all"
say "  ${module_bytes} bytes of $added's files (its .info+.mod+.zip in the proxy: ${files_bytes} bytes)"
say "  ${other_bytes} bytes of other modules' files"
say "  ${probe_bytes} bytes in ${probe_requests} verification probe requests"
sed 's/^/  proxy log: /' "$work/requests.log"
verdict dependency-added-bytes-per-module-file-bytes "$(ratio "$module_bytes" "$files_bytes")" 1.00
fact dependency-added-other-module-file-bytes "$other_bytes" 0
fact dependency-added-zip-downloaded-once "$(log_requests "$work/requests.log" "^/$added/@v/v1.0.0.zip")" 1
exit $bench_failed
