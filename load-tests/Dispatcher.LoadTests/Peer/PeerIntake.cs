using System.Text.Json;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Routing;
using Npgsql;
using NpgsqlTypes;

namespace Dispatcher.LoadTests.Peer;

/// <summary>What the peer answers: the new case and the department it went to (null: triage or answered at first contact).</summary>
public sealed record PeerReceipt(string Id, string? DepartmentId);

/// <summary>
/// The conventional design's intake (issue 15): check the input, route in memory with the city
/// file's rules (the same <see cref="RuleMatcher"/> the dispatcher uses), and write in one
/// transaction the case row (its document as jsonb, about 1 KB), its first two history rows and —
/// variant A — the upsert of the department's monthly counter row, all as one <see cref="NpgsqlBatch"/>:
/// one round trip, one commit (Npgsql runs a batch without a transaction as one implicit transaction).
/// A consultation answered at first contact is stored closed, without a department.
/// </summary>
public sealed class PeerIntake(NpgsqlDataSource database, CityDirectory city, PeerVariant variant)
{
    private readonly RuleMatcher _rules = new(city.Rules);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Average size of the case documents written so far, for the report.</summary>
    public double AveragePayloadBytes => _written == 0 ? 0 : (double)Interlocked.Read(ref _payloadBytes) / Interlocked.Read(ref _written);
    private long _payloadBytes, _written;

    /// <returns>The receipt, or null when the input names an unknown category or district (the caller answers 400).</returns>
    public async Task<PeerReceipt?> Take(CaseIntake intake, string? answerEntryId, CancellationToken ct)
    {
        if (city.FindCategory(intake.Category) is null || city.FindDistrict(intake.District) is null) return null;
        var now = DateTimeOffset.UtcNow;
        var id = "P" + Guid.NewGuid().ToString("N")[..15];
        var answered = answerEntryId is not null;
        var rule = answered ? null : _rules.Match(intake.Category, intake.District, intake.Attributes, city.LocalTimeOf(now));
        var department = rule?.DepartmentId;
        var status = answered ? "closedAtFirstContact" : department is null ? "triage" : "dispatched";
        var second = answered ? "answer" : department is null ? "triage" : "route";
        var document = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id, intake, status, department, rule = rule?.Id, answer = answerEntryId, createdAt = now,
            history = new object[]
            {
                new { seq = 1, at = now, action = "submit", actor = intake.Channel },
                new { seq = 2, at = now, action = second, actor = "system", department, rule = rule?.Id },
            },
        }, Json);
        Interlocked.Add(ref _payloadBytes, document.Length);
        Interlocked.Increment(ref _written);

        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command("INSERT INTO peer.cases (id, category, district, department_id, status, priority, channel, created_at, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            id, intake.Category, intake.District, Text(department), status, intake.Priority.ToString(), intake.Channel, now,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = document }));
        batch.BatchCommands.Add(Command("INSERT INTO peer.case_history (case_id, seq, at, action, department_id, note) VALUES ($1, 1, $2, 'submit', NULL, NULL), ($1, 2, $2, $3, $4, $5)",
            id, now, second, Text(department), Text(rule?.Id)));
        if (variant == PeerVariant.A && department is not null)
            batch.BatchCommands.Add(Command("INSERT INTO peer.department_months (department_id, month, received) VALUES ($1, $2, 1) " +
                                            "ON CONFLICT (department_id, month) DO UPDATE SET received = peer.department_months.received + 1",
                department, city.MonthOf(now)));
        await batch.ExecuteNonQueryAsync(ct);
        return new PeerReceipt(id, department);
    }

    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values) command.Parameters.Add(v as NpgsqlParameter ?? new NpgsqlParameter { Value = v });
        return command;
    }
}
