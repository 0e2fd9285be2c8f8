#!/usr/bin/env bash
# Sending benchmark: COUNT (default 20,000) personalised ~30 KB messages (Liquid + tracked links + open pixel + RSA-2048
# and Ed25519 DKIM + the send ledger) through `crm-esp send-campaign` into Postfix's smtp-sink, with Postfix's own
# smtp-source sending the same number of messages of the same size to the same sink just before and just after (on a
# shared host one of the two is sometimes much slower: the goal is judged against the faster one, the mean is printed
# too). Prints the rates, the ratios (goal >= 0.5), CPU seconds and peak RSS of each side, and two figures to compare
# machines by: `openssl speed -seconds 1 rsa2048`'s signs/s, and our CPU per message split by stage (Sending:Profile:
# render, compose, sign, SMTP, ledger; "other" is the rest of the process's CPU during the send: hand-offs, GC, the
# runtime), and the send's CPU per thread (compose threads, SMTP send threads, the runtime's). Same number of SMTP
# sessions on both sides.
# Loopback only; every daemon is stopped by its pid.
#   ./scripts/bench-send.sh [COUNT] [WORKERS]
#   CRM_ESP_BIN=DIR ./scripts/bench-send.sh ...   measures a build made beforehand (DIR holds crm-esp.dll; no build
#   here), so two builds can be measured in interleaved runs on the same minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20000}
workers=${2:-$(nproc)}
./scripts/peers/install.sh
command -v /usr/bin/time >/dev/null || { echo "bench-send: /usr/bin/time is required (apt-get install time)" >&2; exit 1; }
bin=${CRM_ESP_BIN:-.artifacts/connector}
[ -n "${CRM_ESP_BIN:-}" ] || dotnet build Connector/Connector.csproj -c Release -o "$bin" --nologo -v quiet -clp:ErrorsOnly >&2
crm() { dotnet "$bin"/crm-esp.dll "$@"; }
crm send-campaign --help >/dev/null 2>&1 || { echo "bench-send: crm-esp has no send-campaign verb (register SendingCommands in CliApp)" >&2; exit 1; }

load_start=$(cut -d' ' -f1 /proc/loadavg)
signs=$(openssl speed -seconds 1 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $6}')

work=$(mktemp -d)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
smtp_sink_args=()
[ "$(id -u)" -eq 0 ] && smtp_sink_args=(-u nobody)
smtp-sink "${smtp_sink_args[@]}" 127.0.0.1:"$port" 1024 </dev/null >"$work/sink.log" 2>&1 &
sink=$!
trap 'kill "$sink" 2>/dev/null || true; [ -z "${sampler:-}" ] || kill "$sampler" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done

crm dkim keygen --domain example.com --out "$work/dkim" >/dev/null
/usr/bin/python3 - "$work" "$count" <<'PY'
import json, sys
work, count = sys.argv[1], int(sys.argv[2])
blocks = [{"type": "header", "src": "https://shop.example.com/logo.png", "href": "https://shop.example.com/"},
          {"type": "heading", "text": "Здравствуйте, {{ contact.name | default: \"коллега\" }}!"},
          {"type": "text", "text": "Мы подобрали для вас, {{ contact.name | default: \"коллега\" }}, товары недели. Доставка бесплатна до {{ \"2026-11-30\" | local_date }}."}]
for i in range(1, 11):
    blocks.append({"type": "product", "src": f"https://shop.example.com/img/{i}.jpg", "title": f"Товар {i}",
                   "text": "Короткое описание товара: из чего он сделан и чем он хорош.",
                   "price": "{{ %d | money: \"RUB\" }}" % (990 + i * 100), "href": f"https://shop.example.com/p/{i}?utm_source=email"})
blocks += [{"type": "button", "text": "Все товары", "href": "https://shop.example.com/catalog"}, {"type": "footer"}]
json.dump({"name": "bench", "subject": "{{ contact.name | default: \"Коллега\" }}, товары недели", "preheader": "Подборка для вас", "blocks": blocks},
          open(f"{work}/bench.json", "w"), ensure_ascii=False)
with open(f"{work}/recipients.txt", "w") as f:
    for i in range(1, count + 1):
        f.write(f"r{i}@example.org,Получатель {i}\n")
PY

config=(--Store:Path="$work/s.db" --Smtp:Host=127.0.0.1 --Smtp:Port="$port" --Smtp:Security=None --Smtp:MaxConnections="$workers"
        --Sender:FromAddress=news@example.com --Sender:FromName="Example Shop" --Sender:PostalAddress="1 Tverskaya st., Moscow"
        --Dkim:Domain=example.com --Dkim:KeyFolder="$work/dkim" --Tracking:BaseUrl=https://t.example.com --Bounces:Domain=bounces.example.com
        --Sending:Validation:CheckMx=false --Sending:Profile=true)  # example.org is a reserved domain without mail: measure sending, not DNS
# One message's size on the wire, for smtp-source's -l.
crm send-test --template "$work/bench.json" --to size@example.org --Smtp:PickupFolder="$work/pickup" "${config[@]}" >/dev/null
size=$(stat -c %s "$(ls "$work"/pickup/*.eml | head -1)")

run_source() {
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$work/source$1.time" smtp-source -s "$workers" -m "$count" -l "$size" -f bench@example.com -t sink@example.org 127.0.0.1:"$port"
  end=$(date +%s.%N)
  echo "$start $end" >"$work/source$1.span"
}
run_source 1
/usr/bin/python3 scripts/bench-send-threads.py "$work" "$count" & sampler=$!
/usr/bin/time -v -o "$work/ours.time" dotnet "$bin"/crm-esp.dll send-campaign --template "$work/bench.json" \
  --recipients "$work/recipients.txt" --workers "$workers" "${config[@]}" >"$work/ours.json"
wait "$sampler" || true
run_source 2

/usr/bin/python3 - "$work" "$count" "$size" "$workers" "$signs" "$(nproc)" "$load_start" <<'PY'
import json, re, sys
work, count, size, workers, signs, cores = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5] or 0), sys.argv[6]
def usage(path):
    text = open(path).read()
    cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", text)[1]) + float(re.search(r"System time \(seconds\): ([\d.]+)", text)[1])
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)[1]) / 1024
    return cpu, rss
ours = json.load(open(f"{work}/ours.json"))
ours_cpu, ours_rss = usage(f"{work}/ours.time")
print(f"load average (1 min) at the start / end: {sys.argv[7]} / {open('/proc/loadavg').read().split()[0]}")
print(f"machine: {cores} cores, openssl speed rsa2048: {signs:,.0f} signs/s ({1000 / signs if signs else 0:.3f} ms a signature)")
print(f"messages: {count} x {size} bytes, {workers} SMTP session(s) on each side")
print(f"crm-esp send-campaign: {ours['sent']} sent in {ours['seconds']:.1f} s = {ours['rate']:.0f} msg/s, CPU {ours_cpu:.1f} s, peak RSS {ours_rss:.0f} MiB, failed {ours['failed']}")
rates = []
for run in (1, 2):
    start, end = map(float, open(f"{work}/source{run}.span").read().split())
    cpu, rss = usage(f"{work}/source{run}.time")
    rates.append(count / (end - start))
    print(f"smtp-source ({'before' if run == 1 else 'after'}):  {count} sent in {end - start:.1f} s = {rates[-1]:.0f} msg/s, CPU {cpu:.1f} s, peak RSS {rss:.0f} MiB")
stages = ours.get("stages_ms_per_message") or {}
per_message = ours.get("cpu_ms_per_message") or 0
if stages:
    split = ", ".join(f"{name} {ms:.3f}" for name, ms in stages.items())
    print(f"our CPU per message during the send: {per_message:.3f} ms = {split}, other {per_message - sum(stages.values()):.3f}")
    if signs:
        print(f"  machine-neutral: {per_message * signs / 1000:.2f} RSA-2048 signature times per message (sign stage {stages.get('sign', 0) * signs / 1000:.2f})")
gc = ours.get("gc")
if gc:
    print(f"GC during the send: {gc['gen0']:.0f} gen0 / {gc['gen1']:.0f} gen1 / {gc['gen2']:.0f} gen2 collections, paused {gc['pause_ms']:.0f} ms "
          f"({gc['pause_ms_per_message']:.3f} ms a message), {gc['allocated_kb_per_message']:.0f} KB allocated a message")
try:
    print(open(f"{work}/threads.txt").read(), end="")
except OSError:
    pass
best, mean = max(rates), sum(rates) / len(rates)
print(f"ratio (ours / faster smtp-source run, {best:.0f} msg/s): {ours['rate'] / best:.3f} (goal >= 0.5)")
print(f"ratio (ours / mean of both runs, {mean:.0f} msg/s):     {ours['rate'] / mean:.3f}")
PY
