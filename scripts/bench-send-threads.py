#!/usr/bin/env python3
# Per-thread CPU of bench-send.sh's `crm-esp send-campaign` process during the send (from its first smtp-send thread
# to its exit), read from /proc/PID/task/TID/stat. Not `top -H -p PID` or `ps -L`: their row for the main thread
# (TID = PID) shows the whole process's CPU, which looks like one thread at 100 %. Also each kind of thread's time
# split three ways from /proc/PID/task/TID/schedstat: on a CPU, runnable but waiting for one (the machine's load), and
# asleep (blocked on the hand-off, the write gate, a socket...), with its context switches per message (voluntary:
# it blocked; involuntary: it was preempted). Writes WORK/threads.txt.
#   bench-send-threads.py WORK [COUNT]
import os, re, subprocess, sys, time
work = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 0
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

sched = {}  # tid -> (ns on a CPU, ns runnable waiting for a CPU, voluntary switches, involuntary switches): latest reading
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
        try:
            run, delay, _ = map(int, open(f'/proc/{pid}/task/{tid}/schedstat').read().split())
            status = open(f'/proc/{pid}/task/{tid}/status').read()
            voluntary = int(re.search(r'^voluntary_ctxt_switches:\s+(\d+)', status, re.M)[1])
            involuntary = int(re.search(r'^nonvoluntary_ctxt_switches:\s+(\d+)', status, re.M)[1])
            sched[tid] = (run, delay, voluntary, involuntary)
        except (OSError, ValueError, TypeError):
            pass
    return threads

first, seen, start, end = None, {}, 0.0, 0.0
first_sched, last_sched = {}, {}
while True:
    now_threads = sample()
    if now_threads is None:
        break
    sending = any(name.startswith('smtp-send') for name, _ in now_threads.values())
    if first is None and sending:
        first, start, first_sched = now_threads, time.time(), dict(sched)
    if first is not None and sending:
        seen.update(now_threads)  # threads that end keep their last reading
        last_sched.update(sched)
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
    kinds = {}
    for tid, (run, delay, voluntary, involuntary) in last_sched.items():
        name = seen.get(tid, ('?', 0))[0]
        if not name.startswith(('smtp-send', 'send-compose')):
            continue
        base = first_sched.get(tid, (0, 0, 0, 0))
        k = kinds.setdefault(re.sub(r'-\d+$', '-N', name), [0, 0, 0, 0, 0])
        for i, v in enumerate((run, delay, voluntary, involuntary)):
            k[i] += v - base[i]
        k[4] += 1
    for g, (run, delay, voluntary, involuntary, n) in sorted(kinds.items()):
        asleep = max(0.0, n * span - (run + delay) / 1e9)
        per = f', {voluntary / count:.2f} voluntary + {involuntary / count:.2f} involuntary switches a message' if count else ''
        out.write(f'  {g} ({n} threads): on a CPU {100 * run / 1e9 / n / span:.0f} %, waiting for a CPU {100 * delay / 1e9 / n / span:.0f} %, '
                  f'asleep {100 * asleep / n / span:.0f} %{per}\n')
