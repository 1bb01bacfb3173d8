-- 022: the discipline inspection list is a search of the case index for escalated cases, oldest
-- first (ADR-040), instead of a singleton grain that rewrote its whole list on every referral. Few
-- cases are ever escalated, so a partial index keeps that search and its count off the rest of
-- the table. Idempotent.
CREATE INDEX IF NOT EXISTS dispatcher_case_index_escalated ON dispatcher_case_index (service_id, created_at) WHERE escalated;
INSERT INTO dispatcher_schema_version (version, description)
VALUES (22, 'case index: a partial index of escalated cases for the discipline inspection list')
ON CONFLICT (version) DO NOTHING;
