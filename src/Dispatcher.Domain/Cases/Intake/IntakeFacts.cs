using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Abstractions.Knowledge;

namespace Dispatcher.Domain.Cases.Intake;

/// <summary>What the planner needs looked up before it decides; each is null when the intake does not name it.</summary>
public sealed record IntakeLookups(string? OriginLineId, string? KnowledgeEntryId);

/// <summary>The answers to <see cref="IntakeLookups"/>: null where the intake named nothing, or named something unknown.</summary>
public sealed record IntakeFacts(HotlineLine? OriginLine = null, KnowledgeEntry? Answer = null)
{
    public static readonly IntakeFacts None = new();
}
