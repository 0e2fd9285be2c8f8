#!/usr/bin/env bash
# Campaign launch benchmark: RECIPIENTS (default 100,000) mirrored contacts in a fresh store, one campaign to all of
# them; the launch (segment resolved, the audience stored in its order, every recipient checked and queued through the
# send queue's pages) is timed by CampaignLaunchScaleTests, which also checks one ledger row each and no doubles.
# Usage: ./scripts/bench-campaigns.sh [RECIPIENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build CrmEspBridge.sln -c Release --nologo -v quiet -clp:ErrorsOnly
CAMPAIGN_LAUNCH_RECIPIENTS=${1:-100000} dotnet test CrmEspBridge.sln -c Release --nologo --no-build \
  --filter "FullyQualifiedName~CampaignLaunchScaleTests" --logger "console;verbosity=detailed" | grep -E "campaign launch:|Passed!|Failed!"
