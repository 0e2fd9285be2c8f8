#!/usr/bin/env bash
# Builds and runs every test. Needs only the .NET 10 SDK: the Bitrix24 peer is the built-in sandbox portal and
# WireMock.Net (both in-process, on loopback); SQLite is embedded. Prints "N passed, N failed, N skipped" at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test CrmEspBridge.sln -c Release --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
total=$(grep -E '^\s*(Passed|Failed)!? *- *Failed: *[0-9]+' "$log" | tail -n 1 || true)
if [ -n "$total" ]; then
  failed=$(sed -E 's/.*Failed: *([0-9]+).*/\1/' <<<"$total")
  passed=$(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$total")
  skipped=$(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$total")
  echo "tests: $passed passed, $failed failed, $skipped skipped"
fi
exit "$status"
