using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Routing;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Routing;

[GenerateSerializer, Alias("dispatcher.routing-table-state")]
public sealed class RoutingTableState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public List<RoutingRule> Rules { get; set; } = [];
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(3)] public string? UpdatedBy { get; set; }
    /// <summary>Who changed the rules when (R14: admin changes are audited).</summary>
    [Id(4)] public List<RuleChange> Audit { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("dispatcher.rule-change")]
public sealed record RuleChange(long Version, DateTimeOffset At, string By, int RuleCount);

/// <summary>The versioned jurisdiction rule table. Read rarely: routers keep a copy and check the version.</summary>
public sealed class RoutingTableGrain(
    [PersistentState("routing", DispatcherNames.Storage)] IPersistentState<RoutingTableState> state,
    CityDirectory city,
    TimeProvider clock,
    ILogger<RoutingTableGrain> logger) : Grain, IRoutingTableGrain
{
    public Task<RoutingTableSnapshot> Get() => Task.FromResult(Snapshot());

    public Task<long> GetVersion() => Task.FromResult(state.State.Version);

    public async Task<RoutingTableSnapshot> Replace(IReadOnlyList<RoutingRule> rules, long? expectedVersion, Actor actor)
    {
        if (actor.Kind != ActorKind.Admin) throw new ForbiddenActionException("Only an admin may change routing rules.");
        if (rules is null) throw ValidationException.For("rules", "Required.");
        var errors = RuleValidator.Validate(rules, city);
        if (errors.Count > 0) throw new ValidationException(errors);
        if (expectedVersion is { } expected && expected != state.State.Version)
            throw new ConflictException($"The rules are at version {state.State.Version}, not {expected}: reload and try again.");

        await Write(rules, actor.ToString());
        logger.LogInformation("Routing rules replaced by {Actor}: version {Version}, {Count} rules", actor, state.State.Version, rules.Count);
        return Snapshot();
    }

    public async Task SeedIfEmpty(IReadOnlyList<RoutingRule> rules)
    {
        if (state.State.Version > 0) return;
        await Write(rules, "seed");
    }

    private async Task Write(IReadOnlyList<RoutingRule> rules, string by)
    {
        var now = clock.GetUtcNow();
        var s = state.State;
        s.Rules = [.. rules];
        s.Version++;
        s.UpdatedAt = now;
        s.UpdatedBy = by;
        s.Audit.Add(new RuleChange(s.Version, now, by, rules.Count));
        await state.WriteOrReload(this);
    }

    private RoutingTableSnapshot Snapshot() =>
        new(state.State.Version, state.State.Rules.ToArray(), state.State.UpdatedAt, state.State.UpdatedBy);
}
