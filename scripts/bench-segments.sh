#!/usr/bin/env bash
# Segment count benchmark: a synthetic mirror (scripts/bench-segments/mirror.sql; default 100,000 contacts in the
# portal counted, 20,000 deals, 55,000 hits, a decoy portal) in a fresh store, then `segment count --json` for a set of
# expressions, each run 3 times (the best is printed: one process per run, the query's own time from elapsed_ms).
# Reference in the same run: SQLite's own `SELECT count(*)` of the portal's contacts (sqlite3 .timer, best of 3) and
# the plain count through the same verb (contact.id >= 0). The store gets no ANALYZE, as a real one gets none.
# Usage: ./scripts/bench-segments.sh [CONTACTS]
set -euo pipefail
cd "$(dirname "$0")/.."
contacts=${1:-100000}
command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
dotnet build Connector/Connector.csproj -c Release -o .artifacts/connector --nologo -v quiet -clp:ErrorsOnly >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
store="$work/bench.db"
crm() { dotnet .artifacts/connector/crm-esp.dll "$@" "--Store:Path=$store"; }

crm segment list >/dev/null   # creates and migrates the store
started=$(date +%s.%N)
sed "s/:contacts/$contacts/g" scripts/bench-segments/mirror.sql | sqlite3 "$store"
loaded=$(date +%s.%N)
printf 'mirror:    %s contacts in portal bench-1 (loaded in %.1f s); SQLite %s\n' \
  "$(sqlite3 "$store" "SELECT count(*) FROM contacts WHERE portal_id = 1")" "$(awk "BEGIN{print $loaded - $started}")" "$(sqlite3 "$store" 'SELECT sqlite_version()')"

best_sqlite() {
  for _ in 1 2 3; do
    printf '.timer on\n%s\n' "$1" | sqlite3 "$store" | sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p'
  done | sort -n | head -1 | awk '{printf "%.1f", $1 * 1000}'
}

best_count() {
  local out count ms best="" result=""
  for _ in 1 2 3; do
    out=$(crm segment count "$1" --portal bench-1 --json)
    count=$(echo "$out" | sed -n 's/.*"count":\([0-9]*\).*/\1/p')
    ms=$(echo "$out" | sed -n 's/.*"elapsed_ms":\([0-9.]*\).*/\1/p')
    if [ -z "$best" ] || awk "BEGIN{exit !($ms < $best)}"; then best=$ms; result=$count; fi
  done
  printf '%9s ms  %7s contacts  %s\n' "$best" "$result" "$1"
}

printf 'reference: %9s ms  SELECT count(*) FROM contacts WHERE portal_id = 1 AND deleted = 0  (sqlite3)\n' \
  "$(best_sqlite 'SELECT count(*) FROM contacts WHERE portal_id = 1 AND deleted = 0;')"
best_count 'contact.id >= 0'
best_count 'deal.stage = "WON"'
best_count 'deal.pipeline = 1 and deal.amount >= 5000'
best_count 'opened in last 90 days'
best_count 'deal.stage = "WON" and opened in last 30 days and not suppressed'
best_count 'never clicked and not hard bounced'
best_count 'contact.custom.UF_CRM_CITY = "City7"'
best_count 'contact.name starts with "Name1" or contact.email contains "99@"'
best_count 'contact.created > 30 days ago and unsubscribed from "Newsletter"'
best_count 'in scenario "welcome" and not opened in last 7 days'
