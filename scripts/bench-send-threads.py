#!/usr/bin/env python3
# Per-thread CPU of bench-send.sh's `crm-esp send-campaign` process during the send (from its first smtp-send thread
# to its exit), read from /proc/PID/task/TID/stat. Not `top -H -p PID` or `ps -L`: their row for the main thread
# (TID = PID) shows the whole process's CPU, which looks like one thread at 100 %. Writes WORK/threads.txt.
#   bench-send-threads.py WORK
import os, re, subprocess, sys, time
work = sys.argv[1]
tck = os.sysconf('SC_CLK_TCK')
pid = None
for _ in range(3000):
    found = subprocess.run(['pgrep', '-f', f'^dotnet .*send-campaign --template {work}'], capture_output=True, text=True).stdout.split()
    if found:
        pid = found[0]
        break
    time.sleep(0.05)
if pid is None:
    sys.exit(0)

def sample():
    threads = {}
    try:
        tids = os.listdir(f'/proc/{pid}/task')
    except OSError:
        return None
    for tid in tids:
        try:
            stat = open(f'/proc/{pid}/task/{tid}/stat').read()
        except OSError:
            continue
        fields = stat[stat.rindex(')') + 2:].split()
        threads[tid] = (stat[stat.index('(') + 1:stat.rindex(')')], int(fields[11]) + int(fields[12]))
    return threads

first, seen, start, end = None, {}, 0.0, 0.0
while True:
    now_threads = sample()
    if now_threads is None:
        break
    sending = any(name.startswith('smtp-send') for name, _ in now_threads.values())
    if first is None and sending:
        first, start = now_threads, time.time()
    if first is not None and sending:
        seen.update(now_threads)  # threads that end keep their last reading
        end = time.time()
    time.sleep(0.2)
if first is None or end <= start:
    sys.exit(0)
span = end - start
spent = sorted(((ticks - first.get(tid, (name, 0))[1], name) for tid, (name, ticks) in seen.items()), reverse=True)
total = sum(s for s, _ in spent)
groups = {}
for s, name in spent:
    group = re.sub(r'-\d+$', '-N', name) if name.startswith(('smtp-send', 'send-compose')) else name
    groups[group] = groups.get(group, 0) + s
with open(f'{work}/threads.txt', 'w') as out:
    out.write(f'per-thread CPU while the SMTP threads ran ({span:.1f} s, {total / tck:.1f} s CPU = {total / tck / span:.2f} cores): '
              + ', '.join(f'{name} {100 * s / tck / span:.0f} %' for s, name in spent[:6] if s > 0) + '\n')
    out.write('  by kind: ' + ', '.join(f'{g} {v / tck:.1f} s' for g, v in sorted(groups.items(), key=lambda x: -x[1]) if v > 0) + '\n')
