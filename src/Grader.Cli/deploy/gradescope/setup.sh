#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image (Ubuntu, as root, with network). The zip that
# `grader assign` writes holds, at its root: setup.sh, run_autograder, grader/ (the built grader: grader.dll, its
# dlls and the precompiled worker/) and problems/ (the assignment's full specs). The grader is built already, so
# this installs only what runs it: bubblewrap, the sandbox, and the .NET 10 runtime (not the SDK).
set -euo pipefail
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap ca-certificates curl libicu-dev
curl -sSL https://dot.net/v1/dotnet-install.sh -o /tmp/dotnet-install.sh
bash /tmp/dotnet-install.sh --runtime dotnet --channel 10.0 --install-dir /usr/share/dotnet
ln -sf /usr/share/dotnet/dotnet /usr/local/bin/dotnet
dotnet --list-runtimes
