-- 003 - Orleans grain state (AddAdoNetGrainStorage, Invariant "Npgsql").
--
-- Contract (Orleans 10.4.2, Orleans.Persistence.AdoNet). The provider reads only the keys
-- WriteToStorageKey, ReadFromStorageKey, ClearStorageKey and DeleteStorageKey (the last one is
-- needed only with DeleteStateOnClear = true) and binds @GrainIdHash @GrainIdN0 @GrainIdN1
-- @GrainTypeHash @GrainTypeString @GrainIdExtensionString (NULL for keys without extension)
-- @ServiceId, plus @GrainStateVersion (the grain's ETag, NULL when nothing was read) and
-- @PayloadBinary.
--
-- The ETag is the integer column Version:
--   read   -> PayloadBinary, Version (no row: ETag null; cleared row: payload NULL, ETag kept);
--   write  -> NewGrainStateVersion: ETag+1 on success; with a stale ETag the unchanged ETag, with
--             ETag NULL but a row present NULL; the provider turns both into an
--             InconsistentStateException. A first write creates the row with Version 1;
--   clear  -> payload set to NULL, Version+1 returned (no row returned on a stale ETag);
--   delete -> row removed, the removed Version+1 returned (no row on a stale ETag).
--
-- Unlike the reference script, one row per grain is enforced by a unique index, so two
-- activations racing to create the same state cannot both insert: the loser gets NULL back,
-- i.e. the same version conflict it would get if it had come second.

CREATE TABLE IF NOT EXISTS dispatcher_schema_version
(
    version     integer     NOT NULL PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    description text
);

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NULL
);

-- Identity of a grain state. The two long strings go in as md5 so that the index entry stays
-- small; the hashes, numeric keys and service id lead, which is what every lookup filters on.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId,
                       md5(GrainTypeString), md5(GrainIdExtensionString))
    NULLS NOT DISTINCT;

-- Storage write, see the contract above. Returns the new version, the unchanged version (stale
-- ETag) or NULL (state exists although the caller read none).
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash  integer,
    p_grain_id_n0    bigint,
    p_grain_id_n1    bigint,
    p_grain_type_hash integer,
    p_grain_type     varchar,
    p_key_extension  varchar,
    p_service_id     varchar,
    p_expected       integer,
    p_payload        bytea)
RETURNS integer
LANGUAGE plpgsql
AS $body$
DECLARE
    v_new integer;
BEGIN
    IF p_expected IS NULL THEN
        INSERT INTO OrleansStorage AS s
               (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
                GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        VALUES (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type,
                p_key_extension, p_service_id, p_payload, now(), 1)
        ON CONFLICT DO NOTHING
        RETURNING s.Version INTO v_new;
        RETURN v_new;           -- 1, or NULL when the state already exists
    END IF;

    UPDATE OrleansStorage AS s
       SET PayloadBinary = p_payload,
           ModifiedOn = now(),
           Version = s.Version + 1
     WHERE s.GrainIdHash = p_grain_id_hash
       AND s.GrainTypeHash = p_grain_type_hash
       AND s.GrainIdN0 = p_grain_id_n0
       AND s.GrainIdN1 = p_grain_id_n1
       AND s.ServiceId = p_service_id
       AND s.GrainTypeString = p_grain_type
       AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_key_extension
       AND s.Version = p_expected
    RETURNING s.Version INTO v_new;
    RETURN coalesce(v_new, p_expected);
END
$body$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', $q$
    SELECT orleans_storage_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                                 @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
           AS NewGrainStateVersion;
$q$),

('ReadFromStorageKey', $q$
    SELECT PayloadBinary, ModifiedOn, Version
      FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND ServiceId = @ServiceId
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

('ClearStorageKey', $q$
    UPDATE OrleansStorage
       SET PayloadBinary = NULL,
           ModifiedOn = now(),
           Version = Version + 1
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND ServiceId = @ServiceId
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$q$),

('DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash
       AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0
       AND GrainIdN1 = @GrainIdN1
       AND ServiceId = @ServiceId
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO dispatcher_schema_version (version, description)
VALUES (3, 'orleans grain persistence')
ON CONFLICT (version) DO NOTHING;
