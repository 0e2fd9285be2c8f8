-- CRM user fields (Bitrix24 UF_CRM_…) of contacts and deals, as one JSON object per row: {"UF_CRM_CITY":["Казань"],
-- "UF_CRM_TAGS":["a","b"],"UF_CRM_EMPTY":[]} — each field a list of text values (one for single fields, none when
-- empty). NULL when the CRM sent none. Written by Sync with the row, in the same statement; read by Templates.
ALTER TABLE contacts ADD COLUMN custom_fields TEXT NULL;
ALTER TABLE deals ADD COLUMN custom_fields TEXT NULL;
