-- PostgreSQL twin of ../0016_suppression_soft_bounces.sql (the why is there). PostgreSQL alters a CHECK in place, so
-- the table keeps its rows and index (ix_suppressions_nocase, from 0004) instead of being rebuilt.
ALTER TABLE suppressions DROP CONSTRAINT suppressions_reason_check;
ALTER TABLE suppressions ADD CONSTRAINT suppressions_reason_check
    CHECK (reason IN ('unsubscribed', 'hard_bounce', 'soft_bounces', 'complaint', 'manual'));
UPDATE suppressions SET reason = 'soft_bounces' WHERE reason = 'hard_bounce' AND source LIKE '%soft bounces in a row';
