-- 018: case grains get a grain storage of their own (ADR-029): the case's state (Orleans binary
-- format, ADR-019) in dispatcher_case_state, written in the same transaction as its case-index row
-- and group-committed across cases. The ETag is the integer version, as in OrleansStorage (1 on the
-- first write, +1 per write or clear). outbox_pending and written_by let the reconciler find the
-- cases whose notices a silo may have left undelivered when it died: those it wrote, with notices
-- pending, while it is no longer an active silo. Existing case rows move over from OrleansStorage,
-- keeping their version (so ETags stay valid); one whose index row was behind is marked pending
-- and written by nobody, so the reconciler delivers it. Idempotent.
CREATE TABLE IF NOT EXISTS dispatcher_case_state
(
    id             text        NOT NULL PRIMARY KEY,
    version        integer     NOT NULL,
    payload        bytea       NULL,
    outbox_pending boolean     NOT NULL DEFAULT false,
    written_by     text        NULL,
    modified_on    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS dispatcher_case_state_modified_on ON dispatcher_case_state (modified_on);

-- The one-round-trip write of a batch of distinct cases (state and index row in one implicit
-- transaction) calls this with how many writes it sent and how many passed their ETag check:
-- any difference aborts the whole batch (SQLSTATE DC409), and the storage then writes it again
-- statement by statement so that only the stale writes fail.
CREATE OR REPLACE FUNCTION dispatcher_case_state_all_written(p_sent integer, p_written integer)
RETURNS boolean
LANGUAGE plpgsql
AS $body$
BEGIN
    IF p_written <> p_sent THEN
        RAISE EXCEPTION USING ERRCODE = 'DC409', MESSAGE = 'case state: an ETag did not match';
    END IF;
    RETURN true;
END
$body$;

INSERT INTO dispatcher_case_state (id, version, payload, outbox_pending, written_by, modified_on)
SELECT s.grainidextensionstring, s.version, s.payloadbinary,
       s.payloadbinary IS NOT NULL AND (i.id IS NULL OR i.storage_version < s.version), NULL, s.modifiedon
FROM orleansstorage s
LEFT JOIN dispatcher_case_index i ON i.id = s.grainidextensionstring
WHERE s.graintypestring = 'case' AND s.grainidextensionstring IS NOT NULL AND s.version IS NOT NULL
-- No conflict target: after 020 the key is (service_id, id), and this file runs again on every migration.
ON CONFLICT DO NOTHING;
DELETE FROM orleansstorage s
WHERE s.graintypestring = 'case' AND EXISTS (SELECT 1 FROM dispatcher_case_state c WHERE c.id = s.grainidextensionstring);

INSERT INTO dispatcher_schema_version (version, description)
VALUES (18, 'case grain state beside its index row (own case storage)')
ON CONFLICT (version) DO NOTHING;
