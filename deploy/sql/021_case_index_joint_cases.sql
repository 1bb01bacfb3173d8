-- 021: the co-departments' GIN index (017) covers joint cases only. Nearly every case has no
-- co-department, and GIN indexed each empty array too: an entry per case written, for a filter that
-- only ever matches joint cases. Search states the predicate (co_departments <> '{}') with its "&&"
-- and "@>" filters, so the partial index serves them (ADR-027). Idempotent.
DROP INDEX IF EXISTS dispatcher_case_index_co_departments;
CREATE INDEX IF NOT EXISTS dispatcher_case_index_joint ON dispatcher_case_index USING gin (co_departments) WHERE co_departments <> '{}';
INSERT INTO dispatcher_schema_version (version, description)
VALUES (21, 'case index: the co-departments index covers joint cases only')
ON CONFLICT (version) DO NOTHING;
