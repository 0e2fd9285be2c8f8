#!/usr/bin/env bash
# Scale benchmark, one instance on the embedded SQLite store, in three phases:
#   1. CONTACTS (default 1,000,000) contacts and CONTACTS/10 deals mirrored from the sandbox portal (`sync --full`; its
#      limits on: leaky bucket 2 req/s, burst 50; `Sandbox:DistinctEmails`, so every contact has its own address);
#   2. one campaign to every mirrored contact (`send-campaign --contacts all`);
#   3. the same campaign to a recipients file of CONTACTS distinct addresses (`send-campaign --recipients`).
# The letter is bench-send's (~29 KB, Liquid, tracked links, both DKIM signatures, the send ledger), into Postfix's
# smtp-sink. Prints for each phase wall seconds, rows or messages a second, CPU seconds and the connector's peak RSS
# (goal <= 256 MB), the store file's size, and the machine reference (`openssl speed -seconds 1 rsa2048`). The sandbox
# runs in its own process (its memory is not the connector's). Loopback only; every daemon is stopped by its pid.
#   ./scripts/bench-scale.sh [CONTACTS] [WORKERS]      FILE=0 skips the third phase (a recipients file of CONTACTS lines)
#   CRM_ESP_BIN=DIR ./scripts/bench-scale.sh ...   measures a build made beforehand (DIR holds crm-esp.dll)
set -euo pipefail
cd "$(dirname "$0")/.."
contacts=${1:-1000000}
workers=${2:-$(nproc)}
deals=$((contacts / 10))
code=sandboxwebhook0000000000
./scripts/peers/install.sh
command -v /usr/bin/time >/dev/null || { echo "bench-scale: /usr/bin/time is required (apt-get install time)" >&2; exit 1; }
bin=${CRM_ESP_BIN:-.artifacts/connector}
[ -n "${CRM_ESP_BIN:-}" ] || dotnet build Connector/Connector.csproj -c Release -o "$bin" --nologo -v quiet -clp:ErrorsOnly >&2
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
signs=$(openssl speed -seconds 1 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $6}')

work=$(mktemp -d)
serve="" sink=""
cleanup() {
  for pid in $serve $sink; do kill "$pid" 2>/dev/null || true; done
  for pid in $serve $sink; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
usage() { /usr/bin/python3 - "$1" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", t)[1]) + float(re.search(r"System time \(seconds\): ([\d.]+)", t)[1])
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t)[1]) / 1024
print(f"{cpu:.1f} {rss:.0f}")
PY
}

echo "machine: $(nproc) cores, openssl speed rsa2048: ${signs:-?} signs/s; $contacts contacts + $deals deals; $workers SMTP sessions"

# Phase 1: the mirror. The sandbox runs in its own process; its memory is not the connector's.
port=$(free_port)
dotnet "$bin"/crm-esp.dll serve --sandbox --urls "http://127.0.0.1:$port" --Sync:JobsEnabled=false --Sandbox:InstallApp=false \
  --Sandbox:Contacts="$contacts" --Sandbox:Deals="$deals" --Sandbox:DistinctEmails=true --Sandbox:WebhookCode="$code" --Store:Path="$work/portal.db" \
  >"$work/serve.log" 2>&1 &
serve=$!
for _ in $(seq 1 1200); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "bench-scale: the sandbox did not start" >&2; tail -5 "$work/serve.log" >&2; exit 1; }
start=$(date +%s.%N)
/usr/bin/time -v -o "$work/sync.time" dotnet "$bin"/crm-esp.dll sync --full --json \
  --Bitrix24:WebhookUrl="http://127.0.0.1:$port/sandbox/rest/1/$code/" --Store:Path="$work/mirror.db" >"$work/sync.json"
end=$(date +%s.%N)
kill "$serve"; wait "$serve" 2>/dev/null || true; serve=""
read -r sync_cpu sync_rss < <(usage "$work/sync.time")
/usr/bin/python3 - "$work/sync.json" "$start" "$end" "$sync_cpu" "$sync_rss" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); wall = float(sys.argv[3]) - float(sys.argv[2])
rows = s["contacts"] + s["deals"]
print(f"sync --full:   {s['contacts']:,} contacts + {s['deals']:,} deals in {wall:.1f} s = {rows / wall:,.0f} rows/s, "
      f"{s['requests']} requests (minimum {s['minimum_requests']}), CPU {sys.argv[4]} s, peak RSS {sys.argv[5]} MiB")
PY

# Phase 2: one campaign to every mirrored contact.
/usr/bin/python3 - "$work" <<'PY'
import json, sys
blocks = [{"type": "header", "src": "https://shop.example.com/logo.png", "href": "https://shop.example.com/"},
          {"type": "heading", "text": "Здравствуйте, {{ contact.name | default: \"коллега\" }}!"},
          {"type": "text", "text": "Мы подобрали для вас, {{ contact.name | default: \"коллега\" }}, товары недели."}]
for i in range(1, 11):
    blocks.append({"type": "product", "src": f"https://shop.example.com/img/{i}.jpg", "title": f"Товар {i}",
                   "text": "Короткое описание товара: из чего он сделан и чем он хорош.",
                   "price": "{{ %d | money: \"RUB\" }}" % (990 + i * 100), "href": f"https://shop.example.com/p/{i}?utm_source=email"})
blocks += [{"type": "button", "text": "Все товары", "href": "https://shop.example.com/catalog"}, {"type": "footer"}]
json.dump({"name": "scale", "subject": "{{ contact.name | default: \"Коллега\" }}, товары недели", "preheader": "Подборка для вас", "blocks": blocks},
          open(f"{sys.argv[1]}/scale.json", "w"), ensure_ascii=False)
PY
sink_port=$(free_port)
sink_args=()
[ "$(id -u)" -eq 0 ] && sink_args=(-u nobody)
smtp-sink "${sink_args[@]}" 127.0.0.1:"$sink_port" 1024 </dev/null >"$work/sink.log" 2>&1 &
sink=$!
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$sink_port") 2>/dev/null && break; sleep 0.1; done
dotnet "$bin"/crm-esp.dll dkim keygen --domain example.com --out "$work/scale-keys" >/dev/null
send_config=(--Store:Path="$work/mirror.db" --Smtp:Host=127.0.0.1 --Smtp:Port="$sink_port" --Smtp:Security=None --Smtp:MaxConnections="$workers"
  --Sender:FromAddress=news@example.com --Sender:FromName="Example Shop" --Sender:PostalAddress="1 Tverskaya st., Moscow"
  --Dkim:Domain=example.com --Dkim:KeyFolder="$work/scale-keys" --Tracking:BaseUrl=https://t.example.com --Bounces:Domain=bounces.example.com
  --Sending:Validation:CheckMx=false --Sending:FrequencyCap:PerDay=0 --Sending:FrequencyCap:PerWeek=0)
send_report() { /usr/bin/python3 - "$@" <<'PY'
import json, sys
label, path, cpu, rss, status = sys.argv[1:6]
try:
    s = json.load(open(path))
except ValueError:
    print(f"{label}: exit {status}, no summary"); sys.exit(0)
print(f"{label}: {s['recipients']:,} recipients ({s['skipped']:,} skipped, {s.get('duplicates', 0):,} duplicates), {s['sent']:,} sent in {s['seconds']:.1f} s "
      f"= {s['rate']:,.0f} msg/s, failed {s['failed']}, CPU {cpu} s, peak RSS {rss} MiB, exit {status}")
PY
}
campaign() {
  local label=$1; shift
  set +e
  /usr/bin/time -v -o "$work/send.time" dotnet "$bin"/crm-esp.dll send-campaign --template "$work/scale.json" --workers "$workers" "$@" "${send_config[@]}" \
    >"$work/send.json" 2>"$work/send.err"
  local status=$?
  set -e
  read -r send_cpu send_rss < <(usage "$work/send.time")
  send_report "$label" "$work/send.json" "$send_cpu" "$send_rss" "$status"
  [ ! -s "$work/send.err" ] || head -3 "$work/send.err"
}
# Phase 2: to every mirrored contact (the sandbox's addresses repeat: a send key mails an address once).
campaign "send-campaign --contacts all" --contacts all --key scale-mirror
# Phase 3 (skip with FILE=0): to a file of CONTACTS distinct addresses, the same letter.
[ "${FILE:-1}" = 0 ] && { echo "store file: $(du -m "$work/mirror.db" | cut -f1) MiB"; exit 0; }
/usr/bin/python3 -c 'import sys
with open(sys.argv[1], "w") as f:
    for i in range(1, int(sys.argv[2]) + 1): f.write(f"r{i}@example.org,Получатель {i}\n")' "$work/recipients.csv" "$contacts"
campaign "send-campaign --recipients ($contacts lines)" --recipients "$work/recipients.csv" --key scale-file
echo "store file: $(du -m "$work/mirror.db" | cut -f1) MiB"
