-- 010 - Dispatcher case index: one row per case, the searchable projection of the case grains.
--
-- The case grain is the source of truth (its state lives in OrleansStorage); this table is a
-- read model for lists and filters. Each projection carries the case's monotonic version and a
-- writer only replaces the row with a strictly newer one, so late or repeated deliveries of an
-- older projection are ignored. The upsert, with $1..$13 in column order:
--
--   INSERT INTO dispatcher_case_index
--       (id, category, district, department_id, status, priority, channel,
--        created_at, updated_at, deadline_at, returns, reopened, version)
--   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
--   ON CONFLICT (id) DO UPDATE SET
--       category = EXCLUDED.category, district = EXCLUDED.district,
--       department_id = EXCLUDED.department_id, status = EXCLUDED.status,
--       priority = EXCLUDED.priority, channel = EXCLUDED.channel,
--       updated_at = EXCLUDED.updated_at, deadline_at = EXCLUDED.deadline_at,
--       returns = EXCLUDED.returns, reopened = EXCLUDED.reopened, version = EXCLUDED.version
--   WHERE dispatcher_case_index.version < EXCLUDED.version;
--
-- (created_at never changes after the first insert; later files may add columns, which the
-- writer then lists as well.) Zero affected rows means "an equal or newer version is already
-- indexed", which is not an error.

CREATE TABLE IF NOT EXISTS dispatcher_schema_version
(
    version     integer     NOT NULL PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    description text
);

CREATE TABLE IF NOT EXISTS dispatcher_case_index
(
    id            text        NOT NULL,
    category      text        NOT NULL,
    district      text        NOT NULL,
    department_id text        NULL,
    status        text        NOT NULL,
    priority      text        NOT NULL,
    channel       text        NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    deadline_at   timestamptz NULL,
    returns       integer     NOT NULL DEFAULT 0,
    reopened      integer     NOT NULL DEFAULT 0,
    version       bigint      NOT NULL,
    CONSTRAINT dispatcher_case_index_pk PRIMARY KEY (id)
);

-- Lists are ordered newest first (created_at DESC, id); each filter gets an index that also
-- delivers that order, so a filtered first page needs no sort.
CREATE INDEX IF NOT EXISTS dispatcher_case_index_created
    ON dispatcher_case_index (created_at DESC, id);
CREATE INDEX IF NOT EXISTS dispatcher_case_index_department_created
    ON dispatcher_case_index (department_id, created_at DESC, id);
CREATE INDEX IF NOT EXISTS dispatcher_case_index_status_created
    ON dispatcher_case_index (status, created_at DESC, id);
CREATE INDEX IF NOT EXISTS dispatcher_case_index_category_created
    ON dispatcher_case_index (category, created_at DESC, id);
CREATE INDEX IF NOT EXISTS dispatcher_case_index_district_created
    ON dispatcher_case_index (district, created_at DESC, id);

INSERT INTO dispatcher_schema_version (version, description)
VALUES (10, 'dispatcher case index')
ON CONFLICT (version) DO NOTHING;
