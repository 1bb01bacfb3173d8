-- 022: a group-committed grain storage for small, frequent writes of many grains (ADR-038), first
-- for the call-takers' figures: every first-contact intake writes its agent's state, and through
-- the ADO.NET provider each of those writes was a transaction and a commit of its own
-- (orleans_storage_write, 72,800 of 77,005 calls in a PostgreSQL load run). Here the writes of
-- many grains share one statement and one commit (src/Dispatcher.Storage/Postgres/PostgresGrainStateStorage.cs).
--
-- A row is one grain's state under one state name, in one service; the ETag is the integer
-- version, as in OrleansStorage (1 on the first write, +1 per write or clear), so a moved row's
-- ETag stays valid. Existing agent rows move over from OrleansStorage keeping their service and
-- version (an agent grain's id is 'agent/' followed by its string key). Idempotent.
CREATE TABLE IF NOT EXISTS dispatcher_grain_state
(
    service_id  text        NOT NULL,
    grain_id    text        NOT NULL,
    state_name  text        NOT NULL,
    version     integer     NOT NULL,
    payload     bytea       NULL,
    modified_on timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT dispatcher_grain_state_pk PRIMARY KEY (service_id, grain_id, state_name)
);

INSERT INTO dispatcher_grain_state (service_id, grain_id, state_name, version, payload, modified_on)
SELECT s.serviceid, 'agent/' || s.grainidextensionstring, s.graintypestring, s.version, s.payloadbinary, s.modifiedon
FROM orleansstorage s
WHERE s.graintypestring = 'agent' AND s.grainidextensionstring IS NOT NULL AND s.version IS NOT NULL
ON CONFLICT DO NOTHING;
DELETE FROM orleansstorage s
WHERE s.graintypestring = 'agent' AND EXISTS (
    SELECT 1 FROM dispatcher_grain_state g
    WHERE g.service_id = s.serviceid AND g.grain_id = 'agent/' || s.grainidextensionstring AND g.state_name = s.graintypestring);

INSERT INTO dispatcher_schema_version (version, description)
VALUES (22, 'group-committed grain state (agents)')
ON CONFLICT (version) DO NOTHING;
