using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Abstractions.Surges;

namespace Dispatcher.Domain.Cases.Intake;

/// <summary>What the planner needs looked up before it decides; each is null when the intake does not name it.</summary>
public sealed record IntakeLookups(string? OriginLineId, string? KnowledgeEntryId);

/// <summary>
/// The answers to <see cref="IntakeLookups"/>: null where the intake named nothing, or named something
/// unknown. <paramref name="Surge"/> is the open surge incident of the intake's category and district
/// (asked under <see cref="IntakePlanner.SurgeKeyFor"/>), null when none is open.
/// </summary>
public sealed record IntakeFacts(HotlineLine? OriginLine = null, KnowledgeEntry? Answer = null, SurgeNotice? Surge = null)
{
    public static readonly IntakeFacts None = new();
}
