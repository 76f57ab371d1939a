#!/usr/bin/env bash
# The one test command: builds everything and runs every test project (the interop and UI tests included).
set -euo pipefail
cd "$(dirname "$0")"
dotnet build HFDesk.slnx -c Debug --nologo -v quiet
dotnet test --solution HFDesk.slnx --no-build "$@"
