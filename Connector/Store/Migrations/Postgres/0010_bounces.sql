-- PostgreSQL twin of ../0010_bounces.sql (the why is there): the same tables, columns, keys, CHECKs and indexes, with
-- INTEGER as BIGINT (an id rowid alias as an identity column; a key copied from elsewhere, such as a ledger id, a plain
-- BIGINT PRIMARY KEY), REAL as DOUBLE PRECISION, instants the same ISO text.
-- COLLATE NOCASE index keys are lower(…): a query that wants such an index compares lower(column).
-- Bounces (issue 9, item 3). bounce_events keeps 0008's columns and meaning; this adds:
-- * dedupe: one row per (source_id, recipient), so a message fetched again (a move or delete that did not happen, the
--   same DSN over IMAP and POP3, a relay retrying its hook) records nothing twice. source_id is the report's
--   Message-ID ('mid:<...>'), else the mailbox's own id ('imap:<uidvalidity>:<uid>', 'pop3:<uidl>'), or the hook's
--   webhook-id ('hook:<id>').
-- * bounce_kept_messages: POP3 messages that could not be read are kept on the server (POP3 has no folders); they are
--   counted once, listed here, and skipped by later fetches. Written by the Bounces slice only.
CREATE UNIQUE INDEX ux_bounce_events_source ON bounce_events(source_id, lower(recipient)) WHERE source_id IS NOT NULL;

CREATE TABLE bounce_kept_messages (
    source      TEXT NOT NULL CHECK (source IN ('imap', 'pop3')),
    mailbox_id  TEXT NOT NULL,
    problem     TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (source, mailbox_id)
);
