#!/usr/bin/env bash
# Scenario benchmark (issue 10):
#  (b) enrollments/s when DEALS (default 100,000) deals enter a stage at once: a synthetic mirror
#      (scripts/bench-segments/mirror.sql with 100,000 contacts, plus DEALS deals in NEW, one per contact), the shipped
#      proposal-follow-up imported, then every deal moved NEW -> PREPARATION in one write (stage_transitions rows, as a
#      poll records them); `serve` (Scenarios:IntervalSeconds=1, no relay: the dispatcher's sends are refused and the
#      enrollments end as not_sendable, which does not slow the trigger pass) runs until scenario_enrollments holds
#      them all. Printed: time from serve's first enrollment to the last, and the rate.
#  (c) segment count on the same 100,000 contacts: `segment count --json` (elapsed_ms, best of 3).
# Machine reference: `openssl speed -seconds 3 rsa2048` sign/s, and each figure divided by it (comparable across machines).
# (a) stage-change -> SMTP hand-off latency is not measured here yet (see scripts/README.md).
# Usage: ./scripts/bench-scenario.sh [DEALS]
set -euo pipefail
cd "$(dirname "$0")/.."
deals=${1:-100000}
contacts=100000
command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
dotnet build Connector/Connector.csproj -c Release -o .artifacts/connector --nologo -v quiet -clp:ErrorsOnly >/dev/null
work=$(mktemp -d)
serve_pid=""
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; rm -rf "$work"' EXIT
store="$work/bench.db"
crm() { dotnet .artifacts/connector/crm-esp.dll "$@" "--Store:Path=$store"; }

crm scenario list >/dev/null   # creates and migrates the store
sed "s/:contacts/$contacts/g" scripts/bench-segments/mirror.sql | sqlite3 "$store"
crm template save --template manifests/templates/proposal.yaml >/dev/null
crm template save --template manifests/templates/proposal-reminder.yaml >/dev/null
# DEALS more deals in NEW (ids above the mirror's), deal i on contact ((i - 1) % contacts) + 1.
sqlite3 "$store" "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $deals)
INSERT INTO deals (portal_id, crm_id, title, stage_id, pipeline_id, stage_semantic, amount, currency, created_at, synced_at)
SELECT 1, 1000000 + i, 'Bench ' || i, 'NEW', 0, 'P', '100.00', 'RUB', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z' FROM n;
INSERT INTO deal_contacts (portal_id, deal_id, contact_id, position) SELECT 1, crm_id, ((crm_id - 1000001) % $contacts) + 1, 0 FROM deals WHERE crm_id > 1000000;"
crm scenario import manifests/scenarios/proposal-follow-up.yaml --portal bench-1 >/dev/null
sleep 1
sqlite3 "$store" "
BEGIN;
UPDATE deals SET stage_id = 'PREPARATION' WHERE portal_id = 1 AND crm_id > 1000000;
INSERT INTO stage_transitions (portal_id, deal_id, from_stage, to_stage, from_pipeline, to_pipeline, occurred_at, detected_at, detected_by)
SELECT 1, crm_id, 'NEW', 'PREPARATION', 0, 0, strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.0000000Z', strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.0000000Z', 'poll' FROM deals WHERE portal_id = 1 AND crm_id > 1000000;
COMMIT;"

port=$((20000 + RANDOM % 20000))
dotnet .artifacts/connector/crm-esp.dll serve --urls "http://127.0.0.1:$port" "--Store:Path=$store" --Sandbox:InstallApp=false --Sync:JobsEnabled=false \
  --Scenarios:IntervalSeconds=1 --Timeline:Enabled=false --Webhooks:Enabled=false --Logging:LogLevel:Default=Warning >"$work/serve.log" 2>&1 &
serve_pid=$!
count() { sqlite3 "$store" "PRAGMA busy_timeout=5000; SELECT count(*) FROM scenario_enrollments;" | tail -1; }
first="" ; deadline=$(( $(date +%s) + 600 ))
while :; do
  n=$(count)
  [ -z "$first" ] && [ "$n" -gt 0 ] && first=$(date +%s.%N)
  [ "$n" -ge "$deals" ] && break
  [ "$(date +%s)" -gt "$deadline" ] && { echo "bench: only $n of $deals enrolled after 600 s"; tail -20 "$work/serve.log"; exit 1; }
  kill -0 "$serve_pid" 2>/dev/null || { echo "bench: serve exited"; tail -20 "$work/serve.log"; exit 1; }
  sleep 0.05
done
last=$(date +%s.%N)
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
enroll_s=$(awk "BEGIN{print $last - $first}")
rate=$(awk "BEGIN{printf \"%.0f\", $deals / ($enroll_s > 0 ? $enroll_s : 0.001)}")

best_ms=""
for _ in 1 2 3; do
  ms=$(crm segment count 'deal.stage = "WON" and opened in last 30 days and not suppressed' --portal bench-1 --json | sed -n 's/.*"elapsed_ms":\([0-9.]*\).*/\1/p')
  if [ -z "$best_ms" ] || awk "BEGIN{exit !($ms < $best_ms)}"; then best_ms=$ms; fi
done

rsa=$(openssl speed -seconds 3 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $6}')
printf 'enrollments: %s deals entered in %.2f s after the first: %s enrollments/s  (goal >= 5,000/s)\n' "$deals" "$enroll_s" "$rate"
printf 'segment:     %s ms  count of %s contacts (deal.stage = "WON" and opened in last 30 days and not suppressed)\n' "$best_ms" "$contacts"
printf 'reference:   openssl rsa2048 %s sign/s; enrollments/s per sign/s %.2f; segment ms x sign/s %.0f\n' "$rsa" \
  "$(awk "BEGIN{print $rate / $rsa}")" "$(awk "BEGIN{print $best_ms * $rsa}")"
