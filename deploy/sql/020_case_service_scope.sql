-- 020: case state and case index scoped by service, as Orleans scopes its own grain states and
-- reminders (ADR-035). Before this file two services on one database (Dispatcher:Cluster:ServiceId)
-- shared these tables: a new service's reconciler adopted an earlier service's cases, its deadline
-- buckets woke them, its search listed them, and a case id derived from the same idempotency key
-- read the other service's case. Every key and index now starts with service_id.
--
-- Rows written before this file belong to one service; which one is taken from, in this order:
-- the session setting dispatcher.service_id (the host's `migrate` sets it to its
-- Dispatcher:Cluster:ServiceId; deploy/migrate.sh --service-id), the only service OrleansStorage
-- holds rows of, or 'dispatcher' (the default service id). Idempotent.
ALTER TABLE dispatcher_case_state ADD COLUMN IF NOT EXISTS service_id text;
ALTER TABLE dispatcher_case_index ADD COLUMN IF NOT EXISTS service_id text;

DO $body$
DECLARE
    owner text := coalesce(
        nullif(current_setting('dispatcher.service_id', true), ''),
        (SELECT min(ServiceId) FROM OrleansStorage HAVING count(DISTINCT ServiceId) = 1),
        'dispatcher');
BEGIN
    UPDATE dispatcher_case_state SET service_id = owner WHERE service_id IS NULL;
    UPDATE dispatcher_case_index SET service_id = owner WHERE service_id IS NULL;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'dispatcher_case_state_service_pk') THEN
        ALTER TABLE dispatcher_case_state DROP CONSTRAINT IF EXISTS dispatcher_case_state_pkey;
        ALTER TABLE dispatcher_case_state ADD CONSTRAINT dispatcher_case_state_service_pk PRIMARY KEY (service_id, id);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'dispatcher_case_index_service_pk') THEN
        ALTER TABLE dispatcher_case_index DROP CONSTRAINT IF EXISTS dispatcher_case_index_pk;
        ALTER TABLE dispatcher_case_index ADD CONSTRAINT dispatcher_case_index_service_pk PRIMARY KEY (service_id, id);
    END IF;
END
$body$;

-- The reconciler's scan of recent writes.
DROP INDEX IF EXISTS dispatcher_case_state_modified_on;
CREATE INDEX IF NOT EXISTS dispatcher_case_state_service_modified_on ON dispatcher_case_state (service_id, modified_on);

-- Lists, newest first, per filter (as in 010, 011/015 and 019, each behind the service).
DROP INDEX IF EXISTS dispatcher_case_index_created;
DROP INDEX IF EXISTS dispatcher_case_index_department_created;
DROP INDEX IF EXISTS dispatcher_case_index_status_created;
DROP INDEX IF EXISTS dispatcher_case_index_category_created;
DROP INDEX IF EXISTS dispatcher_case_index_district_created;
DROP INDEX IF EXISTS dispatcher_case_index_difficult;
DROP INDEX IF EXISTS dispatcher_case_index_slot_wake;
CREATE INDEX IF NOT EXISTS dispatcher_case_index_service_created
    ON dispatcher_case_index (service_id, created_at DESC, id);
CREATE INDEX IF NOT EXISTS dispatcher_case_index_service_department_created
    ON dispatcher_case_index (service_id, department_id, created_at DESC, id);
CREATE INDEX IF NOT EXISTS dispatcher_case_index_service_status_created
    ON dispatcher_case_index (service_id, status, created_at DESC, id);
CREATE INDEX IF NOT EXISTS dispatcher_case_index_service_category_created
    ON dispatcher_case_index (service_id, category, created_at DESC, id);
CREATE INDEX IF NOT EXISTS dispatcher_case_index_service_district_created
    ON dispatcher_case_index (service_id, district, created_at DESC, id);
CREATE INDEX IF NOT EXISTS dispatcher_case_index_service_difficult
    ON dispatcher_case_index (service_id, created_at DESC)
    WHERE overdue OR returns >= 2 OR reopened > 0 OR escalated OR resolved_without_reply OR satisfied_without_acknowledge;
CREATE INDEX IF NOT EXISTS dispatcher_case_index_service_slot_wake
    ON dispatcher_case_index (service_id, deadline_slot, wake_at) WHERE wake_at IS NOT NULL;

INSERT INTO dispatcher_schema_version (version, description)
VALUES (20, 'case state and case index scoped by service')
ON CONFLICT (version) DO NOTHING;
