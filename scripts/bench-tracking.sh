#!/usr/bin/env bash
# Tracking benchmark, loopback only, bounded in time.
#  - send-campaign sends COUNT (200) messages into a pickup folder, with Tracking:BaseUrl pointing at a local serve;
#    their pixel (/t/o/) and link (/t/c/) URLs are read back from the .eml files (valid, signed tokens of real ledger rows).
#  - `crm-esp serve` on loopback; wrk (2 threads, CONNECTIONS connections, SECONDS s each, random URL per request):
#    GET /healthz (the reference: same host, no token, no store), then /t/o/, then /t/c/.
#  - For each: requests/s, p50/p99 latency, non-2xx/3xx count, and the engagement_hits rows of that kind in the store
#    once the recorder is idle. Every 2xx (3xx for clicks) that wrk counted must be a stored row: stored >= answered
#    (wrk drops the answers still in flight when the time is up, so stored may exceed answered by at most CONNECTIONS).
# Usage: ./scripts/bench-tracking.sh [SECONDS] [CONNECTIONS] [COUNT] [Full|Normal]   (the last: Tracking:Synchronous, default Full)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-32}
count=${3:-200}
sync=${4:-Full}
need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk; need curl curl; need /usr/bin/python3 python3
dotnet build Connector/Connector.csproj -c Release -o .artifacts/connector --nologo -v quiet -clp:ErrorsOnly >/dev/null
work=$(mktemp -d)
pids=()
cleanup() { local rc=$?; for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$work"; exit "$rc"; }
trap cleanup EXIT
crm() { dotnet .artifacts/connector/crm-esp.dll "$@"; }
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
config=(--Store:Path="$work/crm-esp.db" --Sender:FromAddress=news@example.com --Dkim:Domain=example.com --Dkim:KeyFolder="$work/dkim"
  --Tracking:BaseUrl="$base" --Bounces:Domain=bounces.example.com --Smtp:PickupFolder="$work/pickup" --Sending:Validation:CheckMx=false)

crm dkim keygen --domain example.com --out "$work/dkim" >/dev/null
/usr/bin/python3 -c "print('\n'.join(f'r{i}@example.org' for i in range(1, $count + 1)))" >"$work/recipients.txt"
crm send-campaign --template manifests/templates/november-sale.json --recipients "$work/recipients.txt" "${config[@]}" >"$work/send.json"
/usr/bin/python3 - "$work/pickup" "$work" <<'PY'
import email, glob, re, sys
from email import policy
pixels, clicks = [], []
for path in glob.glob(sys.argv[1] + '/*.eml'):
    message = email.message_from_binary_file(open(path, 'rb'), policy=policy.default)
    html = message.get_body(('html',)).get_content()
    pixels += re.findall(r'src="https?://[^/"]+(/t/o/[^"]+)"', html)
    clicks += re.findall(r'href="https?://[^/"]+(/t/c/[^"]+)"', html)
for name, paths in (('pixels', pixels), ('clicks', clicks)):
    with open(f'{sys.argv[2]}/{name}.lua', 'w') as out:
        out.write('paths = {' + ','.join(f'"{p}"' for p in paths) + '}\n')
print(f'tokens: {len(pixels)} pixels, {len(clicks)} links from {len(glob.glob(sys.argv[1] + "/*.eml"))} messages')
PY

# dotnet itself in the background (not the crm function: $! would be a subshell, and killing it would leave serve running).
dotnet .artifacts/connector/crm-esp.dll serve --urls "$base" --Tracking:Synchronous="$sync" --Sync:JobsEnabled=false --Sandbox:InstallApp=false --Logging:LogLevel:Default=Warning "${config[@]}" >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$base/healthz" >/dev/null || { echo "bench: serve did not start"; cat "$work/serve.log"; exit 1; }

cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %.3f %.2f %.2f\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
for kind in pixels clicks; do
  cat "$work/$kind.lua" - "$work/report.lua" >"$work/$kind-run.lua" <<'LUA'
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
LUA
done
cp "$work/report.lua" "$work/healthz-run.lua"

stored() { /usr/bin/python3 -c "
import sqlite3, sys, time
con = sqlite3.connect('$work/crm-esp.db', timeout=30)
last = -1
while True:  # until the recorder is idle (two equal counts 0.5 s apart)
    n = con.execute(\"SELECT COUNT(*) FROM engagement_hits WHERE kind = ?\", ('$1',)).fetchone()[0]
    if n == last: break
    last = n; time.sleep(0.5)
print(n)"; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/${pids[0]}/stat"; }  # serve's user + system CPU, in clock ticks
run() { # name path-or-empty script -> "requests errors duration p50 p99 serve-cpu-ticks"
  local before after
  before=$(cpu_ticks)
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s -s "$work/$1-run.lua" "$base$2" | grep '^BENCH' | cut -d' ' -f2- | tr '\n' ' '
  after=$(cpu_ticks)
  echo "$(( after - before ))"
}
echo "== $seconds s each, 2 wrk threads, $connections connections, Tracking:Synchronous=$sync, $(nproc) cores (shared with wrk and anything else running; load average $(cut -d' ' -f1 /proc/loadavg))"
read -r h_total h_errors h_duration h_p50 h_p99 h_cpu < <(run healthz /healthz)
read -r o_total o_errors o_duration o_p50 o_p99 o_cpu < <(run pixels "")
o_stored=$(stored open)
read -r c_total c_errors c_duration c_p50 c_p99 c_cpu < <(run clicks "")
c_stored=$(stored click)
/usr/bin/python3 - <<PY
import os
h = ($h_total - $h_errors) / $h_duration
rows = [('/healthz', $h_total, $h_errors, $h_duration, $h_p50, $h_p99, None, $h_cpu),
        ('/t/o/ pixel', $o_total, $o_errors, $o_duration, $o_p50, $o_p99, $o_stored, $o_cpu),
        ('/t/c/ click', $c_total, $c_errors, $c_duration, $c_p50, $c_p99, $c_stored, $c_cpu)]
ok = True
for name, total, errors, duration, p50, p99, stored, cpu in rows:
    rate = (total - errors) / duration
    line = f'{name:12} {rate:10,.0f} req/s  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  failed {errors}  serve CPU {1000 * cpu / os.sysconf("SC_CLK_TCK") / max(1, total):.3f} ms/request'
    if stored is not None:
        answered = total - errors
        proven = answered <= stored <= answered + $connections
        ok &= proven
        line += f'  answered {answered:,}  stored {stored:,} ({"every answered hit stored" if proven else "MISMATCH"})  {rate / h:.2f} of /healthz'
    print(line)
print('goal: >= 10,000 stored hits/s with p99 < 20 ms')
raise SystemExit(0 if ok else 1)
PY
