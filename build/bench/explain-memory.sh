#!/usr/bin/env bash
# Peak memory of `godocker explain` and `godocker modfile` on the inputs of issue 14: a 200 MB log, a 200 MB single
# line, /dev/zero and an endless pipe (`yes`). Each run must end with its diagnostic, and its peak resident set
# (/usr/bin/time -v) must stay under 200 MB. The tool is the packed GoDocker.Tool, installed with --tool-path.
# Usage: build/bench/explain-memory.sh [--smoke]   (--smoke: the same runs; they are single runs either way)
source "$(dirname "$0")/lib.sh"
limit_kb=$(( 200 * 1024 ))
[[ -x /usr/bin/time ]] || die "no /usr/bin/time (apt-get install time)"
bench_packages
run_logged "$work/tool.log" dotnet tool install --tool-path "$work/tool" GoDocker.Tool --version "$GODOCKER_BENCH_VERSION" --add-source "$GODOCKER_BENCH_FEED"
godocker=$work/tool/godocker

# A colored BuildKit log of 200 MiB ending in a proxy's 410, and one line of 200 MiB.
# (yes ends by SIGPIPE when head has enough, which pipefail would count as a failure.)
(yes $'\e[34m#8 0.512\e[0m go: downloading example.com/noise v1.0.0 \e]0;title\a\r#8 0.513 redrawn' || true) | head -c $(( 200 << 20 )) >"$work/big.log"
printf '#8 0.532 go: example.com/broken@v1.0.0: reading https://proxy.example.test/example.com/broken/@v/v1.0.0.info: 410 Gone\n' >>"$work/big.log"
head -c $(( 200 << 20 )) /dev/zero | tr '\0' x >"$work/one-line.log"

# measure NAME EXPECTED_EXIT EXPECTED_CODE SHELL-COMMAND: runs the command (godocker under /usr/bin/time -v, which
# writes its report to $work/time.txt), checks exit code and diagnostic, prints peak RSS and wall time.
measure() {
  local name=$1 want_exit=$2 want_code=$3 command=$4 code rss wall
  set +e
  bash -c "$command" >"$work/$name.out" 2>&1
  code=$?
  set -e
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
  say "$name: exit $code, peak RSS $(( rss / 1024 )) MB, wall $wall, $(wc -c <"$work/$name.out") bytes of output"
  grep -m 1 -o "GD[0-9]\{4\}: .\{0,100\}" "$work/$name.out" | sed 's/^/  /' || true
  fact "$name-exit" "$code" "$want_exit"
  fact "$name-diagnostic" "$(grep -c "error $want_code" "$work/$name.out")" 1
  fact "$name-peak-under-200MB" "$(( rss < limit_kb ? 1 : 0 ))" 1
}

t="/usr/bin/time -v -o $work/time.txt $godocker"
measure explain-200MB-log 1 GD6001 "$t explain $work/big.log"
measure explain-200MB-line 1 GD6999 "$t explain $work/one-line.log"
measure explain-dev-zero 2 GD1007 "$t explain /dev/zero"
measure explain-endless-pipe 2 GD1007 "yes | $t explain -"
measure modfile-200MB 1 GD2009 "$t modfile $work/big.log"
measure modfile-dev-zero 1 GD2009 "$t modfile /dev/zero"
measure modfile-endless-pipe 1 GD2009 "yes | $t modfile /dev/stdin"
exit $bench_failed
