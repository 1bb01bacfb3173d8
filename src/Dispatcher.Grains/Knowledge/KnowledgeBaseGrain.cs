using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Domain.Audit;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Matching;
using Dispatcher.Grains.Shared;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Knowledge;

/// <summary>The knowledge base (R2): versioned entries, suggestions for intake, admin edits.</summary>
public sealed class KnowledgeBaseGrain(
    [PersistentState("knowledge", DispatcherNames.Storage)] IPersistentState<KnowledgeState> state,
    CityDirectory city,
    TimeProvider clock,
    ILogger<KnowledgeBaseGrain> logger) : VersionedSingletonGrain<KnowledgeState, KnowledgeEntry, KnowledgeSnapshot>(state, clock, logger), IKnowledgeBaseGrain
{
    protected override string AdminOnly => "Only an admin may change the knowledge base.";
    protected override string AtVersion => "The knowledge base is";
    protected override AuditKind AuditKind => AuditKind.Knowledge;

    public Task<KnowledgeEntry?> Find(string entryId) => Task.FromResult(State.Entries.Find(e => e.Id == entryId));

    public Task<IReadOnlyList<KnowledgeEntry>> Suggest(string category, string text, int max) =>
        Task.FromResult(KnowledgeMatcher.Suggest(State.Entries, category, text, max));

    public Task<KnowledgeSnapshot> Replace(IReadOnlyList<KnowledgeEntry> entries, long? expectedVersion, Actor actor) =>
        Edit(actor, expectedVersion, () => Validate(entries), change => ReplaceItems(entries, change));

    protected override string ReplaceItems(IReadOnlyList<KnowledgeEntry> entries, VersionedChange change)
    {
        var replaced = entries.Select(e => e with { Keywords = e.Keywords ?? [] }).ToList();
        var summary = ItemChanges.Describe("entries", State.Entries, replaced, e => e.Id);
        State.Entries = replaced;
        State.UpdatedAt = change.At;
        State.UpdatedBy = change.By;
        return summary;
    }

    protected override KnowledgeSnapshot Snapshot() => new(State.Version, State.Entries.ToArray(), State.UpdatedAt, State.UpdatedBy);

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
}
