#!/usr/bin/env bash
# Builds once and runs any crm-esp verb: ./scripts/crm-esp.sh sync --full, ./scripts/crm-esp.sh stages, ...
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f .artifacts/connector/crm-esp.dll ] || [ -n "$(find Connector -newer .artifacts/connector/crm-esp.dll -name '*.cs' -print -quit)" ]; then
  dotnet build Connector/Connector.csproj -c Release -o .artifacts/connector --nologo -v quiet -clp:ErrorsOnly >&2
fi
exec dotnet .artifacts/connector/crm-esp.dll "$@"
