namespace Dispatcher.Abstractions.Hotlines;

/// <summary>How a line relates to 12345 (R9).</summary>
[GenerateSerializer, Alias("dispatcher.line-kind")]
public enum LineKind
{
    /// <summary>The one number, 12345.</summary>
    Main,
    /// <summary>A former district-head, committee or department line now answered by 12345: calls keep it as their origin.</summary>
    Integrated,
    /// <summary>An interconnected line that stays separate (county hotlines, labour, power, water, commerce): its cases are transferred to it.</summary>
    Partner,
    /// <summary>A line the city approved for a limited time (an emergency, a season).</summary>
    Temporary,
}

[GenerateSerializer, Immutable, Alias("dispatcher.temporary-terms")]
public sealed record TemporaryTerms([Id(0)] string ApprovedBy, [Id(1)] string ApprovalReference, [Id(2)] DateOnly Start, [Id(3)] DateOnly End);

/// <summary>One hotline. Partner lines own categories and/or districts; their cases are transferred to them.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.hotline")]
public sealed record HotlineLine(
    [Id(0)] string Id,
    [Id(1)] string Number,
    [Id(2)] string Name,
    [Id(3)] LineKind Kind,
    [Id(4)] string[]? Categories = null,
    [Id(5)] string[]? Districts = null,
    [Id(6)] TemporaryTerms? Temporary = null);

[GenerateSerializer, Immutable, Alias("dispatcher.registry-change")]
public sealed record RegistryChange([Id(0)] long Version, [Id(1)] DateTimeOffset At, [Id(2)] string By, [Id(3)] string Action, [Id(4)] string LineId, [Id(5)] string? Note);

[GenerateSerializer, Immutable, Alias("dispatcher.registry-snapshot")]
public sealed record HotlineRegistrySnapshot([Id(0)] long Version, [Id(1)] IReadOnlyList<HotlineLine> Lines, [Id(2)] IReadOnlyList<RegistryChange> Audit);

/// <summary>The hotline registry: the city's policy of one number, enforced and audited.</summary>
[Alias("dispatcher.IHotlineRegistryGrain")]
public interface IHotlineRegistryGrain : IGrainWithStringKey
{
    [Alias("Get")] Task<HotlineRegistrySnapshot> Get();
    [Alias("Find")] Task<HotlineLine?> Find(string lineId);
    /// <summary>Registers a temporary line (approval and dates required); any new permanent line is refused.</summary>
    [Alias("Register")] Task<HotlineRegistrySnapshot> Register(HotlineLine line, Actor actor);
    [Alias("SeedIfEmpty")] Task SeedIfEmpty(IReadOnlyList<HotlineLine> lines);
}

/// <summary>Published on a partner line's stream (namespace "partner", key = line id) when a case is transferred to it.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.partner-event")]
public sealed record PartnerEvent([Id(0)] string LineId, [Id(1)] string CaseId, [Id(2)] string Category, [Id(3)] string District, [Id(4)] string Description, [Id(5)] DateTimeOffset At);
