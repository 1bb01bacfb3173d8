-- 012: lets a silo find cases whose latest stored state is not yet reflected in the case index
-- (a silo died between the grain's state write and its deliveries): the index row remembers the
-- grain-state version it was written from, and recent storage writes can be found by time.
-- Idempotent.
ALTER TABLE dispatcher_case_index ADD COLUMN IF NOT EXISTS storage_version integer NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS orleansstorage_modifiedon ON orleansstorage (modifiedon);
INSERT INTO dispatcher_schema_version (version, description)
VALUES (12, 'case reconciliation: storage version on the index, recent-write index on storage')
ON CONFLICT (version) DO NOTHING;
