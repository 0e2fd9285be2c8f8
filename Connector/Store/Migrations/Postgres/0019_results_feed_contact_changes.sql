-- PostgreSQL twin of ../0019_results_feed_contact_changes.sql (the why is there): the same tables, columns, keys, CHECKs and indexes, with
-- INTEGER as BIGINT (an id rowid alias as an identity column; a key copied from elsewhere, such as a ledger id, a plain
-- BIGINT PRIMARY KEY), REAL as DOUBLE PRECISION, instants the same ISO text.
-- One results feed (Connector/Results) and contacts followed by change (issue 9, items 4 and 6, mended).
--
-- 1. The followers of the results tables (0008) — Timeline write-back, outgoing webhooks, later scenario conditions —
--    keep their positions in one place, written only by ResultsCursorStore: a cursor per (consumer, stream) and a watch
--    list per consumer of ledger rows read before their outcome. The positions 0012 and 0015 kept move here unchanged
--    (consumers 'timeline' and 'webhooks', the same source names), so no fact is announced twice or missed.
CREATE TABLE results_cursors (
    consumer    TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('send_ledger', 'engagement_hits', 'bounce_events')),
    position    BIGINT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (consumer, source)
);
CREATE TABLE results_ledger_watch (
    consumer   TEXT NOT NULL,
    ledger_id  BIGINT NOT NULL,
    PRIMARY KEY (consumer, ledger_id)
);
INSERT INTO results_cursors (consumer, source, position, updated_at)
SELECT 'timeline', source, position, updated_at FROM timeline_cursors WHERE source IN ('send_ledger', 'engagement_hits', 'bounce_events');
INSERT INTO results_cursors (consumer, source, position, updated_at)
SELECT 'webhooks', source, position, updated_at FROM webhook_cursors WHERE source IN ('send_ledger', 'engagement_hits', 'bounce_events');
INSERT INTO results_ledger_watch (consumer, ledger_id) SELECT 'timeline', ledger_id FROM timeline_ledger_watch;
INSERT INTO results_ledger_watch (consumer, ledger_id) SELECT 'webhooks', ledger_id FROM webhook_ledger_watch;
-- timeline_cursors stays Timeline's own: from now on it holds the opt-out watcher's position in the contacts' changes.
DELETE FROM timeline_cursors WHERE source IN ('send_ledger', 'engagement_hits', 'bounce_events');
DROP TABLE timeline_ledger_watch;
DROP TABLE webhook_ledger_watch;
DROP TABLE webhook_cursors;

-- 2. contacts.change_seq: raised by the mirror's one writer (SqliteMirrorStore) in every transaction that changes a
--    contact's mirrored fields (an upsert that changes nothing keeps it), revives or deletes it; all rows of one
--    transaction share its number, and numbers only grow (mirror_sequences, raised first in the writing transaction,
--    so they are committed in order). A reader keeps the highest number it has seen and reads the index's range above
--    it: no change, no row read. Rows mirrored before this migration count as changed once.
CREATE TABLE mirror_sequences (
    name   TEXT PRIMARY KEY,
    value  BIGINT NOT NULL
);
INSERT INTO mirror_sequences (name, value) VALUES ('contacts', 1);
ALTER TABLE contacts ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
UPDATE contacts SET change_seq = 1;
CREATE INDEX ix_contacts_change_seq ON contacts(change_seq);
