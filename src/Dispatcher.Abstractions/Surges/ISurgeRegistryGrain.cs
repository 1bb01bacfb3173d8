using Orleans.Concurrency;

namespace Dispatcher.Abstractions.Surges;

/// <summary>Every surge incident and which pair (category × district) has one open; a singleton off the hot path.</summary>
[Alias("dispatcher.ISurgeRegistryGrain")]
public interface ISurgeRegistryGrain : IGrainWithStringKey
{
    /// <summary>An operator opens an incident; 409 when the pair has one open.</summary>
    [Alias("Open")] Task<SurgeView> Open(string category, string district, SurgeTexts texts, Actor actor);
    /// <summary>A spike opens one, unless the pair has one open already (that one is returned).</summary>
    [Alias("OpenForSpike")] Task<SurgeNotice> OpenForSpike(string category, string district, SurgeTrigger trigger);
    /// <summary>A pair's counter starts: the registry remembers it for the surge view and tells it the pair's open incident.</summary>
    [Alias("Attach"), AlwaysInterleave] Task<SurgeNotice?> Attach(string pairKey);
    /// <summary>The incident's status changed (closing, closed).</summary>
    [Alias("StatusChanged")] Task StatusChanged(string id, SurgeStatus status);
    /// <summary>The incidents, newest first; only those in the given status when one is named.</summary>
    [Alias("List"), AlwaysInterleave] Task<SurgeEntry[]> List(SurgeStatus? status);
    /// <summary>The pairs whose counters ran since this activation (the surge view's intake figures).</summary>
    [Alias("Pairs"), AlwaysInterleave] Task<string[]> Pairs();
}
