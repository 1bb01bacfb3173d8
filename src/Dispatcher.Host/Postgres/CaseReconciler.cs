using Dispatcher.Abstractions.Cases;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Dispatcher.Host.Postgres;

/// <summary>Settings of the reconciler (section "Dispatcher:Reconcile").</summary>
public sealed class ReconcileOptions
{
    public const string Section = "Dispatcher:Reconcile";
    /// <summary>How often one silo of the cluster looks for cases with undelivered work.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How far back in storage writes its first pass looks; later passes look back to the previous pass (minus a margin).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>Cases read per query of a pass; a pass reads as many pages as its range holds.</summary>
    public int BatchSize { get; set; } = 5000;
}

/// <summary>
/// After a silo dies between a case's state write and its deliveries, that case's department
/// notices wait until the case is next activated (its index row is written with the state, ADR-029).
/// This service (PostgreSQL mode; one silo at a time through an advisory lock) finds recently written
/// cases of its own service (ADR-035) that were stored with notices pending by a silo that is no longer active, and asks each to
/// reconcile, so counters catch up by themselves. A live silo's case delivers its own (and retries on a
/// timer that keeps it active), so only a dead writer can leave work behind.
/// A pass looks at the writes since the previous successful pass (less a minute for transactions that
/// committed late), not the whole window: under a surge the window holds millions of rows, and
/// re-reading them every interval cost the database more than the intake itself. The range is read
/// in pages ordered by write time, each page reconciled concurrently, until it is exhausted: a
/// dead silo's last half hour can hold far more cases than one page, and a reconciled case still
/// reads as pending (delivery does not rewrite its row), so a pass that re-read its first page
/// would never reach the rest.
/// </summary>
public sealed class CaseReconciler(
    NpgsqlDataSource database, IGrainFactory grains, IOptions<ReconcileOptions> options, IOptions<ClusterOptions> cluster, ILogger<CaseReconciler> logger)
    : BackgroundService
{
    /// <summary>With the service's hash as the second key: services sharing a database reconcile independently.</summary>
    private const int LockKey = 0x12346;
    /// <summary>Overlap between passes: a write's ModifiedOn is its transaction's start, which may precede its commit.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);
    /// <summary>Where the last complete pass started (database clock); null before the first one.</summary>
    private DateTime? _lastPass;

    // written_by NULL: a row moved from OrleansStorage whose index row was behind (deploy/sql/018).
    // Paged by (modified_on, id): a reconciled case keeps its flag (its notices were delivered, its
    // row was not rewritten), so a pass must move past the rows it has done, not read them again.
    private const string StaleCasesSql = """
        SELECT id, modified_on FROM dispatcher_case_state
        WHERE service_id = $4 AND modified_on > $1 AND outbox_pending
          AND (written_by IS NULL OR NOT written_by = ANY($3))
          AND modified_on < now() - interval '2 seconds'
          AND (modified_on, id) > ($5, $6)
        ORDER BY modified_on, id
        LIMIT $2
        """;

    /// <summary>Reconciliations in flight at once: a dead silo may leave thousands of cases behind, each a grain call.</summary>
    private const int Concurrency = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnce(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Case reconciliation failed: {Error}", ex.GetBaseException().Message);
            }
        }
    }

    /// <summary>The silos membership holds active, as the case storage records its writer (ADR-029).</summary>
    private async Task<string[]> ActiveSilos() =>
        [.. (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.Select(s => s.ToParsableString())];

    public async Task<int> RunOnce(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey}, hashtext($1))", connection))
        {
            tryLock.Parameters.AddWithValue(cluster.Value.ServiceId);
            if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!) return 0;
        }
        try
        {
            DateTime passStart;
            await using (var clock = new NpgsqlCommand("SELECT now()", connection))
                passStart = (DateTime)(await clock.ExecuteScalarAsync(cancellationToken))!;
            var since = _lastPass is { } last && passStart - last < options.Value.Window ? last - Overlap : passStart - options.Value.Window;
            var active = await ActiveSilos();
            // The whole range in pages: every stale case of it once, however many a dead silo left.
            var total = 0;
            var after = (At: since, Id: "");
            while (true)
            {
                var page = await StalePage(connection, since, after, active, cancellationToken);
                await Parallel.ForEachAsync(page, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                    async (row, _) => await grains.GetGrain<ICaseGrain>(row.Id).Reconcile());
                total += page.Count;
                if (page.Count < options.Value.BatchSize) break;
                after = page[^1];
            }
            if (total > 0) logger.LogInformation("Reconciled {Count} cases with undelivered work", total);
            _lastPass = passStart;
            return total;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey}, hashtext($1))", connection);
            unlock.Parameters.AddWithValue(cluster.Value.ServiceId);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task<List<(DateTime At, string Id)>> StalePage(
        NpgsqlConnection connection, DateTime since, (DateTime At, string Id) after, string[] active, CancellationToken cancellationToken)
    {
        var page = new List<(DateTime At, string Id)>();
        await using var query = new NpgsqlCommand(StaleCasesSql, connection);
        query.Parameters.AddWithValue(since);
        query.Parameters.AddWithValue(options.Value.BatchSize);
        query.Parameters.AddWithValue(active);
        query.Parameters.AddWithValue(cluster.Value.ServiceId);
        query.Parameters.AddWithValue(after.At);
        query.Parameters.AddWithValue(after.Id);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) page.Add((reader.GetDateTime(1), reader.GetString(0)));
        return page;
    }
}
