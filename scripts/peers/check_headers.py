#!/usr/bin/python3
"""Header sanity of one captured message: Python's email.policy.strict parses it without defects, exactly one
From/Date/Message-ID/MIME-Version/Subject/To, no line longer than 998 octets, no bare CR or LF. Prints "ok" or the
problems, one a line; exit 0 only for "ok". Run with /usr/bin/python3."""
import email
import email.policy
import sys

raw = open(sys.argv[1], "rb").read()
problems = []
for number, line in enumerate(raw.split(b"\r\n"), 1):
    if len(line) > 998:
        problems.append(f"line {number} has {len(line)} octets")
    if b"\r" in line or b"\n" in line:
        problems.append(f"line {number} has a bare CR or LF")
try:
    message = email.message_from_bytes(raw, policy=email.policy.strict)
except Exception as error:  # strict raises on any defect
    problems.append(f"strict parse: {error}")
    message = email.message_from_bytes(raw, policy=email.policy.default)
for name in ("From", "Date", "Message-ID", "MIME-Version", "Subject", "To"):
    count = len(message.get_all(name, []))
    if count != 1:
        problems.append(f"{name} occurs {count} times")
for name in ("Bcc", "X-Evil"):
    if message.get_all(name):
        problems.append(f"unexpected {name}")
if message.defects:
    problems.append(f"defects: {message.defects}")
print("\n".join(problems) if problems else "ok")
sys.exit(1 if problems else 0)
