-- 016: who of the department handles a case (claimed by a clerk or assigned by the head, ADR-024/
-- issue 13), so the clerk's worklist can show "mine / unassigned / all" from the index. Null for
-- unclaimed cases and rows written before this file. Idempotent.
ALTER TABLE dispatcher_case_index ADD COLUMN IF NOT EXISTS claimed_by text;
INSERT INTO dispatcher_schema_version (version, description)
VALUES (16, 'case index: the clerk who handles the case')
ON CONFLICT (version) DO NOTHING;
