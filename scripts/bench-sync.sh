#!/usr/bin/env bash
# Full-sync benchmark against the sandbox portal with its limits on (leaky bucket 2 req/s burst 50, operating-time
# budget). One crm-esp process serves the sandbox; a second runs `sync --full --json` against it through the webhook
# URL. Prints rows, requests, requests ÷ minimum, 503s, wall seconds, peak RSS, and the reference: what plain paging
# (one 50-row list call per request) would cost at 2 req/s.
#   phase 1: CONTACTS + DEALS (default 100,000 + 20,000): fits in one burst of 50 requests.
#   phase 2 (skip with PACED=0): 200,000 + 40,000, about twice the burst, so the client's leaky bucket must pace.
# Usage: ./scripts/bench-sync.sh [CONTACTS] [DEALS]
set -euo pipefail
cd "$(dirname "$0")/.."
contacts=${1:-100000}
deals=${2:-20000}
code=sandboxwebhook0000000000
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
command -v /usr/bin/python3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null; }
command -v curl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; }
dotnet build Connector/Connector.csproj -c Release -o .artifacts/connector --nologo -v quiet -clp:ErrorsOnly >/dev/null
work=$(mktemp -d)
serve=""
cleanup() { [ -n "$serve" ] && kill "$serve" 2>/dev/null && wait "$serve" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

report() {
/usr/bin/python3 - "$@" <<'PY'
import json, math, sys
path, start, end, rss_kb, c, d = sys.argv[1:7]
s = json.load(open(path))
wall, rss, c, d = float(end) - float(start), int(rss_kb) / 1024, int(c), int(d)
naive = math.ceil(c / 50) + math.ceil(d / 50)
print(f"rows:               {s['contacts']:,} contacts + {s['deals']:,} deals (portal: {c:,} + {d:,})")
print(f"requests:           {s['requests']} (minimum {s['minimum_requests']}; ratio {s['request_ratio']:.3f})")
print(f"calls in batches:   {s['calls']}")
print(f"503s seen:          {s['rate_limited_503']}")
print(f"wall seconds:       {wall:.1f} (sync itself {s['seconds']:.1f})")
print(f"peak RSS:           {rss:.0f} MiB")
print(f"reference (paging): {naive} requests, >= {naive / 2:.0f} s at 2 req/s; batching needs {s['requests'] / naive:.4f} of them")
sys.exit(0 if s['succeeded'] else 1)
PY
}

phase() {
  local c=$1 d=$2 port=$(( 20000 + RANDOM % 20000 ))
  rm -rf "${work:?}"/*
  dotnet .artifacts/connector/crm-esp.dll serve --sandbox --urls "http://127.0.0.1:$port" --Sync:JobsEnabled=false --Sandbox:InstallApp=false \
    --Sandbox:Contacts="$c" --Sandbox:Deals="$d" --Sandbox:WebhookCode="$code" --Store:Path="$work/portal.db" \
    >"$work/serve.log" 2>&1 &
  serve=$!
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "bench: sandbox did not start"; cat "$work/serve.log"; return 1; }
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$work/time.txt" dotnet .artifacts/connector/crm-esp.dll sync --full --json \
    --Bitrix24:WebhookUrl="http://127.0.0.1:$port/sandbox/rest/1/$code/" --Store:Path="$work/mirror.db" >"$work/summary.json" || true
  end=$(date +%s.%N)
  kill "$serve" 2>/dev/null; wait "$serve" 2>/dev/null || true
  serve=""
  report "$work/summary.json" "$start" "$end" "$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$work/time.txt")" "$c" "$d"
}

echo "== phase 1: $contacts contacts + $deals deals (fits one burst of 50 requests)"
phase "$contacts" "$deals"
if [ "${PACED:-1}" != 0 ]; then
  echo "== phase 2: 200000 contacts + 40000 deals (about twice the burst: paced by the client's leaky bucket)"
  phase 200000 40000
fi
