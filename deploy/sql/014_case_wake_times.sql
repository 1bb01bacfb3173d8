-- 014: deadlines driven by the case index instead of one reminder per case (ADR-012). wake_at is
-- the case's next deadline event (a warning point, a breach, the end of supervision), null when no
-- clock runs; the deadline scanner reads the due ones through the partial index. Rows written
-- before this file have no wake time: their cases' old reminders fire once more and fill it in.
-- Idempotent.
ALTER TABLE dispatcher_case_index ADD COLUMN IF NOT EXISTS wake_at timestamptz;
CREATE INDEX IF NOT EXISTS dispatcher_case_index_wake ON dispatcher_case_index (wake_at) WHERE wake_at IS NOT NULL;
INSERT INTO dispatcher_schema_version (version, description)
VALUES (14, 'case index wake times for the deadline scanner')
ON CONFLICT (version) DO NOTHING;
