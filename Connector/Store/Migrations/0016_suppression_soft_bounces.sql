-- A run of soft bounces (Bounces:SoftBounceLimit in a row) suppresses with its own reason, 'soft_bounces', instead of
-- passing as a hard bounce: reports and the CRM tell "the mailbox does not exist" from "the mailbox kept refusing".
-- A CHECK cannot be altered in SQLite, so the table is rebuilt with the same rows and index; entries Bounces made for a
-- soft streak (source "... soft bounces in a row") take the new reason.
CREATE TABLE suppressions_new (
    address     TEXT PRIMARY KEY,
    reason      TEXT NOT NULL CHECK (reason IN ('unsubscribed', 'hard_bounce', 'soft_bounces', 'complaint', 'manual')),
    source      TEXT NULL,
    created_at  TEXT NOT NULL
);
INSERT INTO suppressions_new (address, reason, source, created_at)
SELECT address, CASE WHEN reason = 'hard_bounce' AND source LIKE '%soft bounces in a row' THEN 'soft_bounces' ELSE reason END, source, created_at
FROM suppressions;
DROP TABLE suppressions;
ALTER TABLE suppressions_new RENAME TO suppressions;
CREATE INDEX ix_suppressions_nocase ON suppressions(address COLLATE NOCASE);
