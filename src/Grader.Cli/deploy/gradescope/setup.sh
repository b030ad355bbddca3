#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image (Ubuntu, as root). The zip holds, at its root:
# setup.sh, run_autograder, grader/ (this repository: src/, problems/, Grader.sln, global.json, Directory.*.props).
set -euo pipefail
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap ca-certificates curl libicu-dev
# The .NET SDK named by global.json, installed by Microsoft's script.
curl -sSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
bash /tmp/dotnet-install.sh --jsonfile /autograder/source/grader/global.json --install-dir /usr/share/dotnet
ln -sf /usr/share/dotnet/dotnet /usr/local/bin/dotnet
# Build once here, so that each submission pays only for grading.
dotnet publish /autograder/source/grader/src/Grader.Cli -c Release -o /autograder/grader-bin
