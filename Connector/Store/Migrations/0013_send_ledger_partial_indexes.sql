-- Each message changes a ledger row three times (reserved, sending, its outcome), and every index holding a changed
-- column is rewritten each time: twelve index writes a message with 0007's indexes, most of the ledger's cost in a send
-- (measured with perf: SQLite's b-tree and WAL work). Partial indexes hold only the rows their queries look for, so a
-- row leaves and enters each index at most once:
-- * the due rows: queued or deferred, by next attempt (the reservation's ORDER BY is served by the index);
-- * the warm-up count: sent rows per sending domain and time (rows held by live runners are found by ix_send_ledger_owner);
-- * rows being sent are found through ix_send_ledger_owner too (a 'sending' row always has its owner).
-- Before 0004 a 'sending' row had no owner; such a row is what a dead runner left: outcome unknown, as the takeover
-- would have marked it.
UPDATE send_ledger SET state = 'unknown', detail = 'interrupted while sending; outcome unknown, not retried (at most once)'
WHERE state = 'sending' AND owner IS NULL;
DROP INDEX IF EXISTS ix_send_ledger_ready;
DROP INDEX IF EXISTS ix_send_ledger_sender;
CREATE INDEX ix_send_ledger_due ON send_ledger(next_attempt_at) WHERE state IN ('queued', 'deferred');
CREATE INDEX ix_send_ledger_sent_by_domain ON send_ledger(sender_domain, updated_at) WHERE state = 'sent';
