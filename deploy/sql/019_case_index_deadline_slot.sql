-- 019: deadlines in buckets instead of one scanner for the cluster (ADR-030). deadline_slot is the
-- case's deadline slot, 0..4095: the first 12 bits of md5(id), the same rule as
-- Domain/Deadlines/DeadlineBucket.SlotOf. It is generated from the id, so no writer has to fill it
-- (an upsert needs no change) and rows written before this file get it too. A bucket b of N reads
-- the slots s with s % N = b through the (deadline_slot, wake_at) index; changing N regroups slots
-- and never moves a wake time. The single scanner's wake_at index and its reminder go. Idempotent.
ALTER TABLE dispatcher_case_index ADD COLUMN IF NOT EXISTS deadline_slot integer
    GENERATED ALWAYS AS (('x' || substr(md5(id), 1, 3))::bit(12)::integer) STORED;
CREATE INDEX IF NOT EXISTS dispatcher_case_index_slot_wake ON dispatcher_case_index (deadline_slot, wake_at) WHERE wake_at IS NOT NULL;
DROP INDEX IF EXISTS dispatcher_case_index_wake;
-- The single scanner grain is gone: its reminder would only wake a grain type that no longer exists.
DELETE FROM OrleansRemindersTable WHERE ReminderName = 'deadline-scanner';
INSERT INTO dispatcher_schema_version (version, description)
VALUES (19, 'case index deadline slot for the deadline buckets')
ON CONFLICT (version) DO NOTHING;
