-- Every ledger write changes state and updated_at, so every index holding them is rewritten twice per message
-- (measured: SQLite's share of a send was mostly index pages). Two can go:
-- * ix_send_ledger_sent (state, updated_at) served the global warm-up count, which is per sending domain since 0004
--   (ix_send_ledger_sender) — nothing reads it any more;
-- * the frequency cap looks a batch of contacts up by id and a contact has few rows: contact_id alone is enough, and
--   it never changes after enqueue.
DROP INDEX IF EXISTS ix_send_ledger_sent;
DROP INDEX IF EXISTS ix_send_ledger_contact;
CREATE INDEX ix_send_ledger_contact ON send_ledger(contact_id);
