#!/bin/sh
# Whole-process wall time of `check` the way a student runs it: (1) a fresh grader process with a fresh sandboxed
# worker (the warm server turned off); (2) a repeated check answered by the warm check server, which the first check
# started (its own socket folder here, and stopped at the end).
# Usage: tests/Grader.Benchmarks/scripts/bench-check.sh [runs=5] [extra check options, e.g. --no-bwrap]; GRADER_DLL picks another build.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
runs=${1:-5}; [ $# -gt 0 ] && shift
grader=${GRADER_DLL:-"$root/src/Grader.Cli/bin/Release/net10.0/grader.dll"}
[ -f "$grader" ] || dotnet build -c Release "$root/src/Grader.Cli" >/dev/null
spec="$root/problems/cs577-a2/regression-network.yaml"
script="$root/submissions/partial/regression-network.csx"
median() { echo "$1" | tr ' ' '\n' | grep . | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
series() {
  i=0; times=""
  while [ $i -lt "$runs" ]; do
    start=$(date +%s.%N)
    dotnet "$grader" check "$spec" "$script" "$@" >/dev/null || true
    end=$(date +%s.%N)
    times="$times $(echo "$end - $start" | bc)"
    i=$((i + 1))
  done
  echo "$times"
}
unset CI GITHUB_ACTIONS GITHUB_STEP_SUMMARY GITHUB_OUTPUT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
times=$(GRADER_CHECK_SERVER=0 series "$@")
echo "fresh check (no server) wall times (s):$times"
echo "  median: $(median "$times") s"
export GRADER_CHECK_SERVER_DIR=$(mktemp -d /tmp/grader-bench-check.XXXXXX)
chmod 700 "$GRADER_CHECK_SERVER_DIR"
dotnet "$grader" check "$spec" "$script" "$@" >/dev/null || true
n=0
until grep -q started "$GRADER_CHECK_SERVER_DIR"/*.log 2>/dev/null || [ $n -ge 300 ]; do sleep 0.2; n=$((n + 1)); done
times=$(series "$@")
echo "repeated check, answered by the warm check server, wall times (s):$times"
echo "  median: $(median "$times") s   (server log: $(grep -c ' exit ' "$GRADER_CHECK_SERVER_DIR"/*.log) answered)"
pid=$(sed -n 's/.*started (pid \([0-9]*\)).*/\1/p' "$GRADER_CHECK_SERVER_DIR"/*.log | head -1)
[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
rm -rf "$GRADER_CHECK_SERVER_DIR"
