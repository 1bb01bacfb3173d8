-- 011: deadline flags on the case index, for the quarterly difficult-case list and supervisors'
-- views (overdue, escalated). Idempotent.
ALTER TABLE dispatcher_case_index ADD COLUMN IF NOT EXISTS overdue boolean NOT NULL DEFAULT false;
ALTER TABLE dispatcher_case_index ADD COLUMN IF NOT EXISTS escalated boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS dispatcher_case_index_difficult
    ON dispatcher_case_index (created_at DESC)
    WHERE overdue OR returns >= 2 OR reopened > 0 OR escalated;
INSERT INTO dispatcher_schema_version (version, description)
VALUES (11, 'case index: overdue and escalated flags')
ON CONFLICT (version) DO NOTHING;
