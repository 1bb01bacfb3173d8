namespace Dispatcher.Abstractions.Knowledge;

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
