-- PostgreSQL twin of ../0018_queued_letters.sql (the why is there): the same tables, columns, keys, CHECKs and indexes, with
-- INTEGER as BIGINT (an id rowid alias as an identity column; a key copied from elsewhere, such as a ledger id, a plain
-- BIGINT PRIMARY KEY), REAL as DOUBLE PRECISION, instants the same ISO text.
-- Letters queued through Sending's ISendQueue from serve (the REST API's POST /api/v1/messages; later scenario steps
-- and the CRM robot), owned by Sending/Queue. One writer: QueuedLetterStore, in the same transaction as the letter's
-- send_keys row and its send_ledger row (SendLedgerStore). Keyed by the ledger row: everything needed to render the
-- letter again after a restart (the template by name and the version resolved at enqueue, the portal whose mirror
-- holds the contact and deal, the caller's variables as a JSON object of strings, the list name shown on the CRM
-- timeline). Only rows with a queued letter are sent by serve's runner; campaign rows (letters in the CLI's memory)
-- never are. request_hash is the caller's fingerprint of the request (the API's Idempotency-Key check), null if none.
CREATE TABLE queued_letters (
    ledger_id         BIGINT PRIMARY KEY,
    portal_id         BIGINT NOT NULL REFERENCES portals(id),
    template_name     TEXT NOT NULL,
    template_version  BIGINT NOT NULL,
    deal_id           BIGINT NULL,
    variables         TEXT NOT NULL,
    list_name         TEXT NOT NULL,
    request_hash      TEXT NULL,
    created_at        TEXT NOT NULL
);
