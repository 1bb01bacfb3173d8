-- 013: the department journal (ADR-011). A department appends the notices of each group commit as
-- one row, numbered from 0 within a snapshot generation; its snapshot stays a grain state in
-- OrleansStorage. The primary key makes a second activation's write of the same batch fail, so it
-- re-reads instead of overwriting. Rows of generations older than the department's snapshot are
-- deleted after the snapshot is written. `notices` is a list of DepartmentNotice in Orleans' binary
-- format (version-tolerant, like the grain states). Idempotent.
CREATE TABLE IF NOT EXISTS dispatcher_department_journal (
    service_id    text        NOT NULL,
    department_id text        NOT NULL,
    generation    bigint      NOT NULL,
    batch         integer     NOT NULL,
    notices       bytea       NOT NULL,
    written_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, department_id, generation, batch)
);
INSERT INTO dispatcher_schema_version (version, description)
VALUES (13, 'department journal: appended batches of notices per snapshot generation')
ON CONFLICT (version) DO NOTHING;
