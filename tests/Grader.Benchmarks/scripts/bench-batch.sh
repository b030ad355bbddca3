#!/bin/sh
# Whole-process batch throughput: N distinct submissions (every shipped student's files, each copy made a
# different text by a comment, so no cache can serve it), graded by `grader grade` in the pool with bubblewrap.
# Usage: tests/Grader.Benchmarks/scripts/bench-batch.sh [copies-per-student=8] [extra grade options, e.g. --no-bwrap]
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
copies=${1:-8}; [ $# -gt 0 ] && shift
grader=${GRADER_DLL:-"$root/src/Grader.Cli/bin/Release/net10.0/grader.dll"}
[ -f "$grader" ] || dotnet build -c Release "$root/src/Grader.Cli" >/dev/null
work=$(mktemp -d /tmp/grader-bench-batch.XXXXXX)
for student in "$root"/submissions/*/; do
  name=$(basename "$student")
  i=0
  while [ $i -lt "$copies" ]; do
    mkdir -p "$work/subs/$name-$i"
    for f in "$student"*.csx; do
      { echo "// variant $i"; cat "$f"; } > "$work/subs/$name-$i/$(basename "$f")"
    done
    i=$((i + 1))
  done
done
cp -r "$root/problems" "$work/problems"
n=$(find "$work/subs" -name '*.csx' | wc -l)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
dotnet "$grader" grade "$work/problems" "$work/subs" --out "$work/out" "$@" | tail -2
end=$(date +%s.%N)
echo "$n submission files graded in $(echo "$end - $start" | bc) s wall (whole process: start, load specs, workers, grading)"
echo "again, unchanged (resume: every report skipped):"
start=$(date +%s.%N)
dotnet "$grader" grade "$work/problems" "$work/subs" --out "$work/out" "$@" | tail -1
end=$(date +%s.%N)
echo "  $(echo "$end - $start" | bc) s wall"
echo "after a spec fix (a comment added to every spec: every report regraded; the compile cache compiles nothing):"
for f in $(find "$work/problems" -name '*.yaml'); do echo "# fixed" >> "$f"; done
start=$(date +%s.%N)
dotnet "$grader" grade "$work/problems" "$work/subs" --out "$work/out" "$@" | grep -E "compile cache|graded now"
end=$(date +%s.%N)
echo "  $(echo "$end - $start" | bc) s wall"
[ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
