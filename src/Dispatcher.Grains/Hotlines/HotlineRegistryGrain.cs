using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Hotlines;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Hotlines;

[GenerateSerializer, Alias("dispatcher.registry-state")]
public sealed class RegistryState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public List<HotlineLine> Lines { get; set; } = [];
    [Id(2)] public List<RegistryChange> Audit { get; set; } = [];
}

/// <summary>
/// The hotline registry (R9). The city's policy is one number: a new permanent line is refused;
/// a temporary line needs an approval and start and end dates. Every change is audited.
/// </summary>
public sealed class HotlineRegistryGrain(
    [PersistentState("hotlines", DispatcherNames.Storage)] IPersistentState<RegistryState> state,
    TimeProvider clock,
    ILogger<HotlineRegistryGrain> logger) : Grain, IHotlineRegistryGrain
{
    public Task<HotlineRegistrySnapshot> Get() => Task.FromResult(Snapshot());

    public Task<HotlineLine?> Find(string lineId) => Task.FromResult(state.State.Lines.Find(l => l.Id == lineId));

    public async Task<HotlineRegistrySnapshot> Register(HotlineLine line, Actor actor)
    {
        if (actor.Kind != ActorKind.Admin) throw new ForbiddenActionException("Only an admin may register hotlines.");
        if (line is null) throw ValidationException.For("line", "Required.");
        if (line.Kind != LineKind.Temporary)
            throw new ConflictException("No new hotlines: every call goes to 12345. Only a temporary line, with the city's approval and start and end dates, may be registered.");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(line.Id) || line.Id.Length > 64) errors["id"] = ["Required, at most 64 characters."];
        else if (state.State.Lines.Any(l => l.Id == line.Id)) errors["id"] = [$"Line '{line.Id}' exists."];
        if (string.IsNullOrWhiteSpace(line.Number) || line.Number.Length > 32) errors["number"] = ["Required, at most 32 characters."];
        if (string.IsNullOrWhiteSpace(line.Name)) errors["name"] = ["Required."];
        if (line.Temporary is not { } terms) errors["temporary"] = ["A temporary line needs approvedBy, approvalReference, start and end."];
        else
        {
            if (string.IsNullOrWhiteSpace(terms.ApprovedBy)) errors["temporary.approvedBy"] = ["Required: who approved it."];
            if (string.IsNullOrWhiteSpace(terms.ApprovalReference)) errors["temporary.approvalReference"] = ["Required: the approval document."];
            if (terms.End < terms.Start) errors["temporary.end"] = ["The end date is before the start date."];
        }
        if (errors.Count > 0) throw new ValidationException(errors);

        state.State.Lines.Add(line with { Categories = null, Districts = null });
        Audit(actor.ToString(), "register", line.Id, $"{line.Number} {line.Temporary!.Start:yyyy-MM-dd}–{line.Temporary.End:yyyy-MM-dd}, approved by {line.Temporary.ApprovedBy} ({line.Temporary.ApprovalReference})");
        await Write();
        logger.LogInformation("Temporary line {LineId} registered by {Actor}", line.Id, actor);
        return Snapshot();
    }

    public async Task SeedIfEmpty(IReadOnlyList<HotlineLine> lines)
    {
        if (state.State.Version > 0) return;
        state.State.Lines = [.. lines];
        Audit("seed", "seed", "*", $"{lines.Count} lines from the city file");
        await Write();
    }

    private void Audit(string by, string action, string lineId, string? note)
    {
        state.State.Version++;
        state.State.Audit.Add(new RegistryChange(state.State.Version, clock.GetUtcNow(), by, action, lineId, note));
    }

    private async Task Write()
    {
        await state.WriteOrReload(this);
    }

    private HotlineRegistrySnapshot Snapshot() => new(state.State.Version, state.State.Lines.ToArray(), state.State.Audit.ToArray());
}
