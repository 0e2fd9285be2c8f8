-- A recipients file's name for each row (send-campaign --recipients): the letter renders from the row itself, so a
-- million-line file is streamed into the ledger instead of being held in memory for the whole send. Null for rows of
-- mirrored contacts (their data is the mirror's). The same statement on SQLite and PostgreSQL.
ALTER TABLE send_ledger ADD COLUMN recipient_name TEXT NULL;
