-- 001 - Orleans query registry and the Dispatcher schema-version ledger.
--
-- Dispatcher's own PostgreSQL schema, written against the contract of the Orleans 10.4.2 ADO.NET
-- providers (Invariant "Npgsql"). Every provider starts by running the fixed statement
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- and afterwards only executes the texts it finds there, binding its own named parameters
-- (@ServiceId, @DeploymentId, ...). The table name and both column names are therefore fixed;
-- identifiers are unquoted, so PostgreSQL folds them to lower case (orleansquery.querykey).
--
-- This file, like every file in deploy/sql, is idempotent and is a single batch without psql
-- meta-commands: deploy/migrate.sh (psql) and `Dispatcher.Host migrate` (Npgsql) both run it.

CREATE TABLE IF NOT EXISTS dispatcher_schema_version
(
    version     integer     NOT NULL PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    description text
);

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

COMMENT ON TABLE OrleansQuery IS
    'Named SQL texts read by the Orleans ADO.NET providers at start-up (maintained by deploy/sql/00x_orleans_*.sql).';

INSERT INTO dispatcher_schema_version (version, description)
VALUES (1, 'orleans query registry, schema version ledger')
ON CONFLICT (version) DO NOTHING;
