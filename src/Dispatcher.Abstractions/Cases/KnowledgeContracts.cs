namespace Dispatcher.Abstractions.Cases;

/// <summary>A knowledge-base answer for consultations (R2), by category and keywords.</summary>
[GenerateSerializer, Immutable, Alias("dispatcher.knowledge-entry")]
public sealed record KnowledgeEntry([Id(0)] string Id, [Id(1)] string Category, [Id(2)] string Title, [Id(3)] string Answer, [Id(4)] string[] Keywords);

[GenerateSerializer, Immutable, Alias("dispatcher.knowledge-snapshot")]
public sealed record KnowledgeSnapshot([Id(0)] long Version, [Id(1)] IReadOnlyList<KnowledgeEntry> Entries, [Id(2)] DateTimeOffset UpdatedAt, [Id(3)] string? UpdatedBy);

/// <summary>The knowledge base: read at intake for suggestions, edited by admins.</summary>
[Alias("dispatcher.IKnowledgeBaseGrain")]
public interface IKnowledgeBaseGrain : IGrainWithStringKey
{
    [Alias("Get")] Task<KnowledgeSnapshot> Get();
    [Alias("Find")] Task<KnowledgeEntry?> Find(string entryId);
    [Alias("Suggest")] Task<IReadOnlyList<KnowledgeEntry>> Suggest(string category, string text, int max);
    [Alias("Replace")] Task<KnowledgeSnapshot> Replace(IReadOnlyList<KnowledgeEntry> entries, long? expectedVersion, Actor actor);
    [Alias("SeedIfEmpty")] Task SeedIfEmpty(IReadOnlyList<KnowledgeEntry> entries);
}

/// <summary>Recent open cases of one category and district, to merge further reports of the same incident (并单).</summary>
[Alias("dispatcher.IIncidentGrain")]
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>The open case this report duplicates, or null after registering it as a new incident.</summary>
    [Alias("Claim")] Task<string?> Claim(string caseId, DateTimeOffset at, string? address, double? latitude, double? longitude);
    /// <summary>The named case no longer takes reporters: the new case replaces it for this place.</summary>
    [Alias("Replace")] Task Replace(string oldCaseId, string newCaseId, DateTimeOffset at, string? address, double? latitude, double? longitude);
}
