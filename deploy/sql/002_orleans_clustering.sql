-- 002 - Orleans membership (UseAdoNetClustering, Invariant "Npgsql").
--
-- Contract (Orleans 10.4.2, Orleans.Clustering.AdoNet):
--   * one version row per cluster (DeploymentId = ClusterId); its Version is the table ETag and
--     every successful membership insert/update increments it by exactly one, atomically with
--     the row change, and only when the caller's @Version still matches;
--   * InsertMembershipVersionKey / InsertMembershipKey / UpdateMembershipKey return one row with
--     one column: > 0 = done, 0 = not done (the silo then re-reads and retries);
--   * MembershipReadRowKey / MembershipReadAllKey return the version row even without silo rows
--     (outer join) with columns DeploymentId, Address, Port, Generation, SiloName, HostName,
--     Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime, Version;
--   * SiloStatus.Active = 3 (gateways are Active rows with ProxyPort > 0).
-- Parameters: @DeploymentId @Address @Port @Generation @SiloName @HostName @Status @ProxyPort
--             @SuspectTimes @StartTime @IAmAliveTime @Version.

CREATE TABLE IF NOT EXISTS dispatcher_schema_version
(
    version     integer     NOT NULL PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    description text
);

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Adds a silo row and bumps the cluster version, both or neither.
-- The version row is locked first (same order as orleans_membership_update, so the two never
-- deadlock); a stale @Version or an already present silo row returns 0 and changes nothing.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id varchar,
    p_address       varchar,
    p_port          integer,
    p_generation    integer,
    p_silo_name     varchar,
    p_host_name     varchar,
    p_status        integer,
    p_proxy_port    integer,
    p_start_time    timestamptz,
    p_i_am_alive    timestamptz,
    p_version       integer)
RETURNS integer
LANGUAGE plpgsql
AS $body$
DECLARE
    v_rows integer;
BEGIN
    PERFORM 1
      FROM OrleansMembershipVersionTable AS ver
     WHERE ver.DeploymentId = p_deployment_id
       AND ver.Version = p_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;               -- unknown cluster or somebody else changed the table first
    END IF;

    INSERT INTO OrleansMembershipTable AS m
           (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port, p_start_time, p_i_am_alive)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows = 0 THEN
        RETURN 0;               -- this silo incarnation is already registered
    END IF;

    UPDATE OrleansMembershipVersionTable AS ver
       SET Version = ver.Version + 1,
           Timestamp = now()
     WHERE ver.DeploymentId = p_deployment_id;
    RETURN 1;
END
$body$;

-- Changes one silo row (status, suspicions, liveness) and bumps the cluster version, both or neither.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id varchar,
    p_address       varchar,
    p_port          integer,
    p_generation    integer,
    p_status        integer,
    p_suspect_times varchar,
    p_i_am_alive    timestamptz,
    p_version       integer)
RETURNS integer
LANGUAGE plpgsql
AS $body$
DECLARE
    v_rows integer;
BEGIN
    PERFORM 1
      FROM OrleansMembershipVersionTable AS ver
     WHERE ver.DeploymentId = p_deployment_id
       AND ver.Version = p_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipTable AS m
       SET Status = p_status,
           SuspectTimes = p_suspect_times,
           IAmAliveTime = p_i_am_alive
     WHERE m.DeploymentId = p_deployment_id
       AND m.Address = p_address
       AND m.Port = p_port
       AND m.Generation = p_generation;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows = 0 THEN
        RETURN 0;               -- no such silo row: leave the version alone
    END IF;

    UPDATE OrleansMembershipVersionTable AS ver
       SET Version = ver.Version + 1,
           Timestamp = now()
     WHERE ver.DeploymentId = p_deployment_id;
    RETURN v_rows;
END
$body$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer AS row_count FROM created;
$q$),

('InsertMembershipKey', $q$
    SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                     @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS row_count;
$q$),

('UpdateMembershipKey', $q$
    SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status,
                                     @SuspectTimes, @IAmAliveTime, @Version) AS row_count;
$q$),

-- Liveness heartbeat: deliberately does not touch the version (result is not checked).
('UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
       SET IAmAliveTime = @IAmAliveTime
     WHERE DeploymentId = @DeploymentId
       AND Address = @Address
       AND Port = @Port
       AND Generation = @Generation;
$q$),

('MembershipReadRowKey', $q$
    SELECT ver.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, ver.Version
      FROM OrleansMembershipVersionTable AS ver
      LEFT JOIN OrleansMembershipTable AS m
             ON m.DeploymentId = ver.DeploymentId
            AND m.Address = @Address
            AND m.Port = @Port
            AND m.Generation = @Generation
     WHERE ver.DeploymentId = @DeploymentId;
$q$),

('MembershipReadAllKey', $q$
    SELECT ver.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, ver.Version
      FROM OrleansMembershipVersionTable AS ver
      LEFT JOIN OrleansMembershipTable AS m
             ON m.DeploymentId = ver.DeploymentId
     WHERE ver.DeploymentId = @DeploymentId;
$q$),

('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$),

('GatewaysQueryKey', $q$
    SELECT Address, ProxyPort, Generation
      FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Status = @Status
       AND ProxyPort > 0;
$q$),

-- Removes rows of silos that are not Active (3) and have not said "I am alive" since @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND IAmAliveTime < @IAmAliveTime
       AND Status <> 3;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO dispatcher_schema_version (version, description)
VALUES (2, 'orleans clustering (membership)')
ON CONFLICT (version) DO NOTHING;
