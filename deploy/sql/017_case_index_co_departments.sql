-- 017: the co-departments of a joint case (ADR-027 / issue 14), so search can filter by
-- coDepartment= and a scope's search finds the cases its departments co-handle. Empty for cases
-- with one department and rows written before this file. The GIN index serves "@>" and "&&".
-- Idempotent.
ALTER TABLE dispatcher_case_index ADD COLUMN IF NOT EXISTS co_departments text[] NOT NULL DEFAULT '{}';
CREATE INDEX IF NOT EXISTS dispatcher_case_index_co_departments ON dispatcher_case_index USING gin (co_departments);
INSERT INTO dispatcher_schema_version (version, description)
VALUES (17, 'case index: co-departments of joint cases')
ON CONFLICT (version) DO NOTHING;
