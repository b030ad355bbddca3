#!/bin/sh
# Publishes the grader with ReadyToRun images (precompiled native code beside the IL) of every assembly, Roslyn's
# included: the NuGet copies of Roslyn are IL only, so each worker otherwise JIT-compiles the compiler as it goes.
# The code is the same; the sandboxed worker is started from the published folder exactly as from a build.
# Usage: tests/Grader.Benchmarks/scripts/publish-r2r.sh [out-dir=artifacts/grader]; then: dotnet <out-dir>/grader.dll check|grade ...
# (The Crossgen2 package is restored by the SDK, which picks its version.)
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=${1:-"$root/artifacts/grader"}
dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  "$root/src/Grader.Cli/Grader.Cli.csproj" -o "$out"
echo "published: dotnet $out/grader.dll"
