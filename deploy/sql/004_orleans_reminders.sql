-- 004 - Orleans reminders (UseAdoNetReminderService, Invariant "Npgsql").
--
-- Contract (Orleans 10.4.2, Orleans.Reminders.AdoNet):
--   * rows are keyed by (ServiceId, GrainId, ReminderName); the ETag is the integer Version:
--     0 on first insert, +1 on every upsert of the same reminder;
--   * UpsertReminderRowKey returns one row with column Version (the new ETag);
--   * DeleteReminderRowKey returns one row, one column: > 0 when the row with that Version was
--     removed, 0 otherwise (stale ETag or already gone);
--   * reads return GrainId, ReminderName, StartTime, Period (bigint, milliseconds), Version;
--   * each silo loads the reminders of its hash ring range: ReadRangeRows1Key for
--     BeginHash < EndHash (the range (BeginHash, EndHash]), ReadRangeRows2Key for a range that
--     wraps around (GrainHash > BeginHash OR GrainHash <= EndHash). Hashes are the uint grain
--     hash stored as a signed integer.
-- Parameters: @ServiceId @GrainId @ReminderName @StartTime @Period @GrainHash @Version
--             @BeginHash @EndHash. @Period arrives as int (or bigint beyond int range).

CREATE TABLE IF NOT EXISTS dispatcher_schema_version
(
    version     integer     NOT NULL PRIMARY KEY,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    description text
);

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(150)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,
    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- The ring-range reads filter on ServiceId plus a GrainHash range; without this index every
-- silo scans the whole table at start-up and whenever the ring changes.
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_service_hash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $q$
    INSERT INTO OrleansRemindersTable AS r
           (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
       SET StartTime = EXCLUDED.StartTime,
           Period = EXCLUDED.Period,
           GrainHash = EXCLUDED.GrainHash,
           Version = r.Version + 1
    RETURNING r.Version AS Version;
$q$),

('ReadReminderRowsKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainId = @GrainId;
$q$),

('ReadReminderRowKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainId = @GrainId
       AND ReminderName = @ReminderName;
$q$),

('ReadRangeRows1Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainHash > @BeginHash
       AND GrainHash <= @EndHash;
$q$),

-- Wrapping range as two disjoint index range scans (BeginHash >= EndHash here, so no row can
-- match both halves and UNION ALL returns each row once).
('ReadRangeRows2Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainHash > @BeginHash
    UNION ALL
    SELECT GrainId, ReminderName, StartTime, Period, Version
      FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId
       AND GrainHash <= @EndHash
       AND (GrainHash > @BeginHash) IS NOT TRUE;
$q$),

('DeleteReminderRowKey', $q$
    WITH removed AS (
        DELETE FROM OrleansRemindersTable
         WHERE ServiceId = @ServiceId
           AND GrainId = @GrainId
           AND ReminderName = @ReminderName
           AND Version = @Version
        RETURNING 1
    )
    SELECT count(*)::integer AS row_count FROM removed;
$q$),

('DeleteReminderRowsKey', $q$
    DELETE FROM OrleansRemindersTable
     WHERE ServiceId = @ServiceId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO dispatcher_schema_version (version, description)
VALUES (4, 'orleans reminders')
ON CONFLICT (version) DO NOTHING;
