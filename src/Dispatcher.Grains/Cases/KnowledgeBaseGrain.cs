using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Matching;

namespace Dispatcher.Grains.Cases;

[GenerateSerializer, Alias("dispatcher.knowledge-state")]
public sealed class KnowledgeState
{
    [Id(0)] public long Version { get; set; }
    [Id(1)] public List<KnowledgeEntry> Entries { get; set; } = [];
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(3)] public string? UpdatedBy { get; set; }
}

/// <summary>The knowledge base (R2): versioned entries, suggestions for intake, admin edits.</summary>
public sealed class KnowledgeBaseGrain(
    [PersistentState("knowledge", DispatcherNames.Storage)] IPersistentState<KnowledgeState> state,
    CityDirectory city,
    TimeProvider clock) : Grain, IKnowledgeBaseGrain
{
    public Task<KnowledgeSnapshot> Get() => Task.FromResult(Snapshot());

    public Task<KnowledgeEntry?> Find(string entryId) => Task.FromResult(state.State.Entries.Find(e => e.Id == entryId));

    public Task<IReadOnlyList<KnowledgeEntry>> Suggest(string category, string text, int max) =>
        Task.FromResult(KnowledgeMatcher.Suggest(state.State.Entries, category, text, max));

    public async Task<KnowledgeSnapshot> Replace(IReadOnlyList<KnowledgeEntry> entries, long? expectedVersion, Actor actor)
    {
        if (actor.Kind != ActorKind.Admin) throw new ForbiddenActionException("Only an admin may change the knowledge base.");
        var errors = Validate(entries);
        if (errors.Count > 0) throw new ValidationException(errors);
        if (expectedVersion is { } expected && expected != state.State.Version)
            throw new ConflictException($"The knowledge base is at version {state.State.Version}, not {expected}: reload and try again.");
        await Write(entries, actor.ToString());
        return Snapshot();
    }

    public async Task SeedIfEmpty(IReadOnlyList<KnowledgeEntry> entries)
    {
        if (state.State.Version > 0) return;
        await Write(entries, "seed");
    }

    private Dictionary<string, string[]> Validate(IReadOnlyList<KnowledgeEntry>? entries)
    {
        var errors = new Dictionary<string, string[]>();
        if (entries is null) { errors["entries"] = ["Required."]; return errors; }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e is null || string.IsNullOrWhiteSpace(e.Id) || !ids.Add(e.Id)) errors[$"entries[{i}].id"] = ["A unique id is required."];
            else if (city.FindCategory(e.Category) is null) errors[$"entries[{i}].category"] = [$"Unknown category '{e.Category}'."];
            else if (string.IsNullOrWhiteSpace(e.Title) || string.IsNullOrWhiteSpace(e.Answer)) errors[$"entries[{i}].answer"] = ["Title and answer are required."];
        }
        return errors;
    }

    private async Task Write(IReadOnlyList<KnowledgeEntry> entries, string by)
    {
        state.State.Entries = entries.Select(e => e with { Keywords = e.Keywords ?? [] }).ToList();
        state.State.Version++;
        state.State.UpdatedAt = clock.GetUtcNow();
        state.State.UpdatedBy = by;
        await state.WriteOrReload(this);
    }

    private KnowledgeSnapshot Snapshot() => new(state.State.Version, state.State.Entries.ToArray(), state.State.UpdatedAt, state.State.UpdatedBy);
}
