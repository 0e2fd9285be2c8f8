#!/usr/bin/env bash
# Runs the connector: web host + sync jobs. With no portal configured (CRMESP_Bitrix24__WebhookUrl or
# --Bitrix24:WebhookUrl=...), it serves the built-in sandbox portal and mirrors it into data/crm-esp.db.
# Extra arguments go to crm-esp, e.g. ./scripts/run.sh --urls http://127.0.0.1:5090
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dotnet >/dev/null || { echo "run.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
command -v node >/dev/null || { echo "run.sh: Node.js 20.19 or newer is required to build the pages (the machine image has it; Debian's apt has only 18)" >&2; exit 1; }
dotnet build Connector/Connector.csproj -c Release -o .artifacts/connector --nologo -v quiet -clp:ErrorsOnly
echo "crm-esp: starting (Ctrl+C to stop); sandbox portal and mirror at data/crm-esp.db unless a portal is configured"
exec dotnet .artifacts/connector/crm-esp.dll serve "$@"
