#!/usr/bin/env bash
# Builds and runs every test. Needs only the .NET 10 SDK: the Bitrix24 peer is the built-in sandbox portal and
# WireMock.Net (both in-process, on loopback); SQLite is embedded. Prints "N passed, N failed, N skipped" at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
./scripts/peers/install.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test CrmEspBridge.sln -c Release --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
count() { grep -E "^\s*$1:? *[0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+' | head -n 1; }
if grep -qE '^\s*Total tests:' "$log"; then
  echo "tests: $(count Passed || echo 0) passed, $(count Failed || echo 0) failed, $(count Skipped || echo 0) skipped"
fi
exit "$status"
