-- 023: a batch read or update of case states finds its rows by their ids, whatever the planner's
-- statistics say about the service (ADR-041). With the primary key (service_id, id) and the
-- reconciler's (service_id, modified_on) index, "service_id = $x" alone was a usable index prefix.
-- When the statistics called the service rare (a new database before its first ANALYZE, or
-- statistics that show only another service, as when a second service starts on the database),
-- the planner took that prefix and filtered the ids: every batch walked all of the service's
-- rows, which grew with every case. The key now leads with the id, and the reconciler's index
-- holds only the rows with notices pending (the only rows it reads), so neither offers the service
-- alone. Idempotent.
DO $body$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'dispatcher_case_state_id_service_pk') THEN
        ALTER TABLE dispatcher_case_state DROP CONSTRAINT IF EXISTS dispatcher_case_state_service_pk;
        ALTER TABLE dispatcher_case_state ADD CONSTRAINT dispatcher_case_state_id_service_pk PRIMARY KEY (id, service_id);
    END IF;
END
$body$;
CREATE INDEX IF NOT EXISTS dispatcher_case_state_service_pending
    ON dispatcher_case_state (service_id, modified_on, id) WHERE outbox_pending;
DROP INDEX IF EXISTS dispatcher_case_state_service_modified_on;
INSERT INTO dispatcher_schema_version (version, description)
VALUES (23, 'case state: the primary key leads with the id, the reconciler''s index holds pending rows only')
ON CONFLICT (version) DO NOTHING;
