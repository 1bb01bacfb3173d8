namespace Dispatcher.Abstractions.Routing;

/// <summary>A local-time window; when To is earlier than From the window crosses midnight.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.time-window")]
public sealed record TimeWindow([Id(0)] TimeOnly From, [Id(1)] TimeOnly To);

/// <summary>
/// One jurisdiction rule (R3): category, optional district, optional attribute matches and
/// optional time window → one department. The most specific matching rule wins.
/// </summary>
/// <param name="Precedent">Set when an arbitration ruling made this rule (where it came from).</param>
/// <param name="CoDepartments">Departments that cooperate on a case this rule routes (a joint case, ADR-027); the rule's department leads.</param>
[GenerateSerializer, Alias("dispatcher.routing-rule")]
public sealed record RoutingRule(
    [Id(0)] string Id,
    [Id(1)] string Category,
    [Id(2)] string? District,
    [Id(3)] Dictionary<string, string>? Attributes,
    [Id(4)] TimeWindow? Window,
    [Id(5)] int Priority,
    [Id(6)] string DepartmentId,
    [Id(7)] string? Description = null,
    [Id(8)] RulingPrecedent? Precedent = null,
    [Id(9)] IReadOnlyList<string>? CoDepartments = null);

/// <summary>The provenance of a rule made from an arbitration ruling: the case, the ruling, who ruled and when.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.ruling-precedent")]
public sealed record RulingPrecedent([Id(0)] string CaseId, [Id(1)] string Ruling, [Id(2)] string RuledBy, [Id(3)] DateTimeOffset RuledAt);

/// <summary>
/// An arbiter's ruling to be recorded as a rule: the ruled case's category, area, attributes and the
/// local time it was taken at, the department ruled responsible, and the provenance.
/// </summary>
[GenerateSerializer, Immutable, Alias("dispatcher.precedent-request")]
public sealed record PrecedentRequest(
    [Id(0)] string Category,
    [Id(1)] string District,
    [Id(2)] Dictionary<string, string> Attributes,
    [Id(3)] TimeOnly LocalTime,
    [Id(4)] string DepartmentId,
    [Id(5)] RulingPrecedent Precedent);

[GenerateSerializer, Alias("dispatcher.routing-table")]
public sealed record RoutingTableSnapshot([Id(0)] long Version, [Id(1)] IReadOnlyList<RoutingRule> Rules, [Id(2)] DateTimeOffset UpdatedAt, [Id(3)] string? UpdatedBy);

/// <summary>Where a case should go; DepartmentId is null when no rule matched (triage).</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.routing-decision")]
public sealed record RoutingDecision([Id(0)] string? DepartmentId, [Id(1)] string? RuleId, [Id(2)] long RulesVersion, [Id(3)] string? PartnerLineId = null,
    [Id(4)] IReadOnlyList<string>? CoDepartments = null);

/// <summary>The versioned rule table; edited by admins, read by the routers.</summary>
[Alias("dispatcher.IRoutingTableGrain")]
public interface IRoutingTableGrain : IGrainWithStringKey
{
    [Alias("Get")] Task<RoutingTableSnapshot> Get();
    [Alias("GetVersion")] Task<long> GetVersion();
    /// <summary>Replaces all rules; refused with a conflict when expectedVersion is given and stale.</summary>
    [Alias("Replace")] Task<RoutingTableSnapshot> Replace(IReadOnlyList<RoutingRule> rules, long? expectedVersion, Actor actor);
    /// <summary>
    /// Adds the rule an arbitration ruling makes (a new version, on behalf of the arbiter); a ruling
    /// of the same case recorded before is not added again.
    /// </summary>
    [Alias("RecordPrecedent")] Task<RoutingTableSnapshot> RecordPrecedent(PrecedentRequest request);
    /// <summary>Loads the demo or configured rules when the table has never been written.</summary>
    [Alias("SeedIfEmpty")] Task SeedIfEmpty(IReadOnlyList<RoutingRule> rules);
}

/// <summary>Stateless router replicated on every silo: intake never waits on one grain.</summary>
[Alias("dispatcher.IRouterGrain")]
public interface IRouterGrain : IGrainWithIntegerKey
{
    /// <summary>The router only reads the attributes (an accepted intake's, never changed after), so they are passed without a copy.</summary>
    [Alias("Route")] Task<RoutingDecision> Route(string category, string district, [Immutable] Dictionary<string, string> attributes, DateTimeOffset at);
}

