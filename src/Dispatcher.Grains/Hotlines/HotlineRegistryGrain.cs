using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Domain.Audit;
using Dispatcher.Grains.Shared;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Hotlines;

/// <summary>
/// The hotline registry (R9). The city's policy is one number: a new permanent line is refused;
/// a temporary line needs an approval and start and end dates. Every change is audited.
/// </summary>
public sealed class HotlineRegistryGrain(
    [PersistentState("hotlines", DispatcherNames.Storage)] IPersistentState<RegistryState> state,
    TimeProvider clock,
    ILogger<HotlineRegistryGrain> logger) : VersionedSingletonGrain<RegistryState, HotlineLine, HotlineRegistrySnapshot>(state, clock, logger), IHotlineRegistryGrain
{
    protected override string AdminOnly => "Only an admin may register hotlines.";
    protected override string AtVersion => "The hotline registry is";
    protected override AuditKind AuditKind => AuditKind.Hotlines;

    public Task<HotlineLine?> Find(string lineId) => Task.FromResult(State.Lines.Find(l => l.Id == lineId));

    public async Task<HotlineRegistrySnapshot> Register(HotlineLine line, Actor actor)
    {
        var snapshot = await Edit(actor, expectedVersion: null, () => Validate(line), change =>
        {
            State.Lines.Add(line with { Categories = null, Districts = null });
            var note = $"{line.Number} {line.Temporary!.Start:yyyy-MM-dd}–{line.Temporary.End:yyyy-MM-dd}, approved by {line.Temporary.ApprovedBy} ({line.Temporary.ApprovalReference})";
            Audit(change, "register", line.Id, note);
            return $"registered temporary line {line.Id}: {note}";
        });
        logger.LogInformation("Temporary line {LineId} registered by {Actor}", line.Id, actor);
        return snapshot;
    }

    protected override string ReplaceItems(IReadOnlyList<HotlineLine> lines, VersionedChange change)
    {
        var summary = ItemChanges.Describe("lines", State.Lines, lines, l => l.Id);
        State.Lines = [.. lines];
        Audit(change, "seed", "*", $"{lines.Count} lines from the city file");
        return summary;
    }

    protected override HotlineRegistrySnapshot Snapshot() => new(State.Version, State.Lines.ToArray(), State.Audit.ToArray());

    private Dictionary<string, string[]> Validate(HotlineLine line)
    {
        if (line is null) throw ValidationException.For("line", "Required.");
        if (line.Kind != LineKind.Temporary)
            throw new ConflictException("No new hotlines: every call goes to 12345. Only a temporary line, with the city's approval and start and end dates, may be registered.");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(line.Id) || line.Id.Length > 64) errors["id"] = ["Required, at most 64 characters."];
        else if (State.Lines.Any(l => l.Id == line.Id)) errors["id"] = [$"Line '{line.Id}' exists."];
        if (string.IsNullOrWhiteSpace(line.Number) || line.Number.Length > 32) errors["number"] = ["Required, at most 32 characters."];
        if (string.IsNullOrWhiteSpace(line.Name)) errors["name"] = ["Required."];
        if (line.Temporary is not { } terms) errors["temporary"] = ["A temporary line needs approvedBy, approvalReference, start and end."];
        else
        {
            if (string.IsNullOrWhiteSpace(terms.ApprovedBy)) errors["temporary.approvedBy"] = ["Required: who approved it."];
            if (string.IsNullOrWhiteSpace(terms.ApprovalReference)) errors["temporary.approvalReference"] = ["Required: the approval document."];
            if (terms.End < terms.Start) errors["temporary.end"] = ["The end date is before the start date."];
        }
        return errors;
    }

    private void Audit(VersionedChange change, string action, string lineId, string? note) =>
        State.Audit.Add(new RegistryChange(change.Version, change.At, change.By, action, lineId, note));
}
