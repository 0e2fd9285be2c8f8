#!/usr/bin/env bash
# Event-intake benchmark, loopback only, bounded in time and count.
#  - A sandbox portal (process A, limits off: this measures the connector, not Bitrix24's leaky bucket) and the
#    connector (process B, webhook mode with an outgoing-webhook token) after one full sync.
#  - Phase 1: wrk posts ONCRMCONTACTUPDATE events to B's /b24/events for 10 s (2 threads, 32 connections):
#    events/s accepted (HTTP 200, authenticated, stored in the inbox), and the non-200 count.
#  - Phase 2: 40 deal moves, one at a time: move in the portal, post the event, wait until B's mirror holds the
#    transition; prints event -> transition-recorded latency p50/p95/max. Each isolated event costs one read, so 40
#    stays inside the portal's burst of 50; past it the client paces reads at the plan's 2 req/s (by design).
# Usage: ./scripts/bench-events.sh [SECONDS] [MOVES]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
moves=${2:-40}
code=sandboxwebhook0000000000
token=bench-outgoing-webhook-token
need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk; need curl curl; need /usr/bin/python3 python3
dotnet build Connector/Connector.csproj -c Release -o .artifacts/connector --nologo -v quiet -clp:ErrorsOnly >/dev/null
work=$(mktemp -d)
pids=()
cleanup() { local rc=$?; for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$work"; exit "$rc"; }
trap cleanup EXIT
crm() { dotnet .artifacts/connector/crm-esp.dll "$@"; }
wait_up() { for _ in $(seq 1 240); do curl -fs "$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "bench: $1 did not start"; return 1; }

pa=$(( 20000 + RANDOM % 10000 )); pb=$(( pa + 1 ))
crm serve --sandbox --urls "http://127.0.0.1:$pa" --Sync:JobsEnabled=false --Sandbox:InstallApp=false --Sandbox:RateLimitEnabled=false \
  --Sandbox:Contacts=2000 --Sandbox:Deals=1000 --Store:Path="$work/portal.db" >"$work/portal.log" 2>&1 &
pids+=($!)
wait_up "http://127.0.0.1:$pa"
hook="http://127.0.0.1:$pa/sandbox/rest/1/$code/"
crm sync --full --json --Bitrix24:WebhookUrl="$hook" --Store:Path="$work/mirror.db" >/dev/null
crm serve --urls "http://127.0.0.1:$pb" --Sync:JobsEnabled=false --Bitrix24:WebhookUrl="$hook" --Bitrix24:ApplicationToken="$token" \
  --Store:Path="$work/mirror.db" --Logging:LogLevel:Default=Warning >"$work/connector.log" 2>&1 &
pids+=($!)
wait_up "http://127.0.0.1:$pb"

cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local n = 0
request = function()
  n = n + 1
  local body = "event=ONCRMCONTACTUPDATE&event_handler_id=1&ts=1736405807&data%5BFIELDS%5D%5BID%5D=" .. (n % 2000 + 1) ..
    "&auth%5Bdomain%5D=127.0.0.1&auth%5Bmember_id%5D=benchmember&auth%5Bapplication_token%5D=$token"
  return wrk.format(nil, "/b24/events", nil, body)
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %.1f %.2f %.2f\n", summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
echo "== phase 1: events accepted by /b24/events ($seconds s, 2 threads, 32 connections)"
wrk -t2 -c32 -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:$pb" >"$work/wrk.txt"
read -r _ total errors duration p50 p99 < <(grep '^BENCH' "$work/wrk.txt")
# Reference in the same run: the same host answering GET /healthz (no auth, no storage) at the same concurrency.
ref=$(wrk -t2 -c32 -d"${seconds}s" "http://127.0.0.1:$pb/healthz" | awk '/Requests\/sec/ {print $2}')
/usr/bin/python3 -c "
t, e, d, r = $total, $errors, $duration, $ref
print(f'events posted:      {t:,} in {d:.1f} s, non-200 or failed: {e}')
print(f'accepted per second: {(t - e) / d:,.0f}   (HTTP latency p50 $p50 ms, p99 $p99 ms)')
print(f'reference /healthz: {r:,.0f} req/s -> event intake runs at {(t - e) / d / r:.2f} of it')"

echo "== phase 2: event -> transition recorded, $moves moves one at a time"
/usr/bin/python3 - "$work/mirror.db" "$hook" "http://127.0.0.1:$pb/b24/events" "$token" "$moves" <<'PY'
import json, sqlite3, sys, time, urllib.parse, urllib.request
db, hook, events, token, moves = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
con = sqlite3.connect(db, timeout=30)
stages = {}
for stage, pipeline, semantic in con.execute("SELECT stage_id, pipeline_id, semantic FROM stages WHERE deleted = 0 ORDER BY sort"):
    if semantic == 'P':
        stages.setdefault(pipeline, []).append(stage)
deals = con.execute("SELECT crm_id, stage_id, pipeline_id FROM deals WHERE deleted = 0 AND stage_semantic = 'P' ORDER BY crm_id LIMIT ?", (moves,)).fetchall()
def post(url, data, form):
    body = urllib.parse.urlencode(data).encode() if form else json.dumps(data).encode()
    ctype = 'application/x-www-form-urlencoded' if form else 'application/json'
    return urllib.request.urlopen(urllib.request.Request(url, body, {'Content-Type': ctype}), timeout=10).read()
latencies = []
for deal, stage, pipeline in deals:
    target = next(s for s in stages[pipeline] if s != stage)
    post(hook + 'crm.deal.update', {'id': deal, 'fields': {'STAGE_ID': target}}, False)
    start = time.perf_counter()
    post(events, {'event': 'ONCRMDEALUPDATE', 'data[FIELDS][ID]': deal, 'auth[member_id]': 'benchmember', 'auth[application_token]': token, 'auth[domain]': '127.0.0.1'}, True)
    while not con.execute("SELECT 1 FROM stage_transitions WHERE deal_id = ? AND to_stage = ?", (deal, target)).fetchone():
        if time.perf_counter() - start > 10:
            sys.exit(f'bench: deal {deal} did not reach the mirror in 10 s')
        time.sleep(0.002)
    latencies.append((time.perf_counter() - start) * 1000)
latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))]
print(f'moves:              {len(latencies)}')
print(f'latency ms:         p50 {pct(50):.0f}, p95 {pct(95):.0f}, max {latencies[-1]:.0f}')
PY
