#!/usr/bin/env bash
# Full-sync benchmark: a sandbox portal with 100,000 contacts and 20,000 deals (leaky bucket 2 req/s, burst 50, and
# the operating-time budget on) served by one crm-esp process; a second crm-esp process runs `sync --full --json`
# against it through the webhook URL. Prints rows, requests, requests ÷ minimum, 503s, wall seconds, peak RSS, and
# the reference: what plain paging (one list call of 50 rows per request) would cost at 2 req/s.
# Usage: ./scripts/bench-sync.sh [CONTACTS] [DEALS]
set -euo pipefail
cd "$(dirname "$0")/.."
contacts=${1:-100000}
deals=${2:-20000}
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
dotnet build Connector/Connector.csproj -c Release -o .artifacts/connector --nologo -v quiet -clp:ErrorsOnly
work=$(mktemp -d)
port=$(( 20000 + RANDOM % 20000 ))
code=sandboxwebhook0000000000
dotnet .artifacts/connector/crm-esp.dll serve --sandbox --urls "http://127.0.0.1:$port" --Sync:JobsEnabled=false \
  --Sandbox:Contacts="$contacts" --Sandbox:Deals="$deals" --Sandbox:WebhookCode="$code" --Store:Path="$work/portal.db" \
  >"$work/serve.log" 2>&1 &
serve=$!
trap 'kill "$serve" 2>/dev/null; wait "$serve" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "bench: sandbox did not start"; cat "$work/serve.log"; exit 1; }
start=$(date +%s.%N)
/usr/bin/time -v -o "$work/time.txt" dotnet .artifacts/connector/crm-esp.dll sync --full --json \
  --Bitrix24:WebhookUrl="http://127.0.0.1:$port/sandbox/rest/1/$code/" --Store:Path="$work/mirror.db" >"$work/summary.json"
end=$(date +%s.%N)
rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$work/time.txt")
/usr/bin/python3 - "$work/summary.json" "$start" "$end" "$rss_kb" "$contacts" "$deals" <<'PY'
import json, math, sys
s = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
rss = int(sys.argv[4]) / 1024
c, d = int(sys.argv[5]), int(sys.argv[6])
naive = math.ceil(c / 50) + math.ceil(d / 50)
print(f"rows:               {s['contacts']:,} contacts + {s['deals']:,} deals (portal: {c:,} + {d:,})")
print(f"requests:           {s['requests']} (minimum {s['minimum_requests']}; ratio {s['request_ratio']:.3f})")
print(f"calls in batches:   {s['calls']}")
print(f"503s seen:          {s['rate_limited_503']}")
print(f"wall seconds:       {wall:.1f} (sync itself {s['seconds']:.1f})")
print(f"peak RSS:           {rss:.0f} MiB")
print(f"reference (paging): {naive} requests, >= {naive / 2:.0f} s at 2 req/s -> batching uses {s['requests'] / naive:.4f} of it")
sys.exit(0 if s['succeeded'] else 1)
PY
