#!/bin/sh
# Whole-process wall time of `check` the way a student runs it: a fresh grader process, a fresh sandboxed worker.
# Usage: tests/Grader.Benchmarks/scripts/bench-check.sh [runs=5] [extra check options, e.g. --no-bwrap]; GRADER_DLL picks another build.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
runs=${1:-5}; [ $# -gt 0 ] && shift
grader=${GRADER_DLL:-"$root/src/Grader.Cli/bin/Release/net10.0/grader.dll"}
[ -f "$grader" ] || dotnet build -c Release "$root/src/Grader.Cli" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
i=0
times=""
while [ $i -lt "$runs" ]; do
  start=$(date +%s.%N)
  dotnet "$grader" check "$root/problems/cs577-a2/regression-network.yaml" "$root/submissions/partial/regression-network.csx" "$@" >/dev/null || true
  end=$(date +%s.%N)
  times="$times $(echo "$end - $start" | bc)"
  i=$((i + 1))
done
echo "check wall times (s):$times"
echo "median: $(echo "$times" | tr ' ' '\n' | grep . | sort -n | sed -n "$(( (runs + 1) / 2 ))p") s"
