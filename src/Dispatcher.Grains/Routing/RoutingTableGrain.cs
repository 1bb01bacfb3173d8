using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Audit;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Routing;
using Dispatcher.Grains.Shared;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Routing;

/// <summary>The versioned jurisdiction rule table. Read rarely: routers keep a copy and check the version.</summary>
public sealed class RoutingTableGrain(
    [PersistentState("routing", DispatcherNames.Storage)] IPersistentState<RoutingTableState> state,
    CityDirectory city,
    TimeProvider clock,
    ILogger<RoutingTableGrain> logger) : VersionedSingletonGrain<RoutingTableState, RoutingRule, RoutingTableSnapshot>(state, clock, logger), IRoutingTableGrain
{
    protected override string AdminOnly => "Only an admin may change routing rules.";
    protected override string AtVersion => "The rules are";
    protected override AuditKind AuditKind => AuditKind.Rules;

    public Task<long> GetVersion() => Task.FromResult(State.Version);

    public async Task<RoutingTableSnapshot> Replace(IReadOnlyList<RoutingRule> rules, long? expectedVersion, Actor actor)
    {
        var snapshot = await Edit(actor, expectedVersion,
            () => rules is null ? throw ValidationException.For("rules", "Required.") : RuleValidator.Validate(rules, city),
            change => ReplaceItems(rules, change));
        logger.LogInformation("Routing rules replaced by {Actor}: version {Version}, {Count} rules", actor, snapshot.Version, rules.Count);
        return snapshot;
    }

    public async Task<RoutingTableSnapshot> RecordPrecedent(PrecedentRequest request)
    {
        var rule = PrecedentRule.From(request, State.Rules);
        if (State.Rules.Any(r => r.Id == rule.Id)) return Snapshot();
        List<RoutingRule> rules = [.. State.Rules, rule];
        var by = $"{request.Precedent.RuledBy} (arbitration ruling on {request.Precedent.CaseId})";
        var snapshot = await EditOnBehalf(by, () => RuleValidator.Validate(rules, city), change => ReplaceItems(rules, change));
        logger.LogInformation("Routing rule {RuleId} recorded from an arbitration ruling: version {Version}", rule.Id, snapshot.Version);
        return snapshot;
    }

    protected override string ReplaceItems(IReadOnlyList<RoutingRule> rules, VersionedChange change)
    {
        var summary = ItemChanges.Describe("rules", State.Rules, rules, r => r.Id);
        State.Rules = [.. rules];
        State.UpdatedAt = change.At;
        State.UpdatedBy = change.By;
        State.Audit.Add(new RuleChange(change.Version, change.At, change.By, rules.Count));
        return summary;
    }

    protected override RoutingTableSnapshot Snapshot() => new(State.Version, State.Rules.ToArray(), State.UpdatedAt, State.UpdatedBy);
}
