#!/usr/bin/env bash
# Entry point for newcomers and CI.
#   build/build.sh pack     pack GoDocker.Sdk and GoDocker.Tool into artifacts/packages
#   build/build.sh sample   set up Docker and Go, pack, then dotnet build, test and publish samples/hello and run its image
#   build/build.sh test     run every test project (what .ci/run calls after build/docker-setup.sh)
#   build/build.sh generate rewrite the files written from Core's settings catalog (SDK settings targets, docs tables)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(sed -n 's:.*<VersionPrefix[^>]*>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props | head -n 1)

pack() {
  rm -f artifacts/packages/GoDocker.*.nupkg
  dotnet pack src/GoDocker.Sdk/GoDocker.Sdk.csproj -c Release -p:Version="$version" -o artifacts/packages -nologo -v:q
  dotnet pack src/GoDocker.Cli/GoDocker.Cli.csproj -c Release -p:Version="$version" -o artifacts/packages -nologo -v:q
}

sample() {
  build/docker-setup.sh
  pack
  # The sample restores the SDK from the local feed into a package folder of its own, so a repack is always seen.
  export NUGET_PACKAGES="$root/artifacts/nuget-packages"
  rm -rf "$NUGET_PACKAGES/godocker.sdk" "$NUGET_PACKAGES/godocker.tool"
  cd samples/hello
  # The SDK itself serves the sample's dependency from the committed gateway snapshot (GoDockerStartProxy).
  dotnet build hello.goproj -nodeReuse:false
  # go test in the Dockerfile's test stage; failures would be errors at their _test.go lines. The repository's
  # global.json puts dotnet test in Microsoft.Testing.Platform mode, whose command line names a project with
  # --project and hands any other argument to the test application.
  dotnet test --project hello.goproj
  # The tool is installed as docs/cli.md says, verbatim, in a fresh folder. Its own .NET CLI home holds the SDK's
  # local-tool resolver cache, whose row for a version would otherwise keep pointing at the package folder that
  # first installed it (another clone's, or one since deleted) and answer 'Run "dotnet tool restore"'.
  local tool="$root/artifacts/tool-install" sample_dir="$PWD"
  rm -rf "$tool" && mkdir -p "$tool"
  printf '<configuration>\n  <packageSources>\n    <clear />\n    <add key="local" value="%s" />\n  </packageSources>\n</configuration>\n' \
    "$root/artifacts/packages" >"$tool/nuget.config"
  cd "$tool"
  export DOTNET_CLI_HOME="$root/artifacts/dotnet-home"
  dotnet new tool-manifest >/dev/null
  dotnet tool install GoDocker.Tool >/dev/null
  # The tool runs the project's own gateway (GoDockerStartProxy) for the length of the check, as the build does.
  dotnet tool run godocker verify --project "$sample_dir"
  unset DOTNET_CLI_HOME
  cd "$sample_dir"
  # The SDK writes the image itself and loads it into Docker (docs/publish.md); then it runs.
  dotnet publish hello.goproj -nodeReuse:false
  /usr/bin/docker run --rm --network none godocker-sample/hello:latest
}

run_tests() {
  local log status
  log=$(mktemp)
  set +e
  dotnet test --solution GoDocker.Sdk.sln "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  # One plain closing line, summed over the test projects, for people and CI log readers alike.
  awk '/^  total: /{t+=$2} /^  failed: /{f+=$2} /^  succeeded: /{s+=$2} /^  skipped: /{k+=$2}
       END { if (t > 0) printf "tests: %d passed, %d failed, %d skipped\n", s, f, k }' "$log"
  rm -f "$log"
  return "$status"
}

generate() {
  GODOCKER_UPDATE_GENERATED=1 dotnet test --project tests/GoDocker.Core.Tests/GoDocker.Core.Tests.csproj -- --filter-class '*ProjectSettingCatalogTests'
}

case "${1:-}" in
  pack) pack ;;
  sample) sample ;;
  test) shift; run_tests "$@" ;;
  generate) generate ;;
  *) echo "usage: build/build.sh pack|sample|test|generate" >&2; exit 2 ;;
esac
