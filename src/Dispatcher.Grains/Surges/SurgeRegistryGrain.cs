using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Surges;
using Dispatcher.Domain.Cases.Intake;
using Dispatcher.Domain.City;
using Dispatcher.Domain.Surges;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Grains.Surges;

/// <summary>
/// The registry of surge incidents (ADR-028): at most one open per category × district, numbered
/// SRG-000001 on. Off the hot path: intakes ask their pair's counter (IncidentGrain), which asks
/// here once when it starts. Which pairs counted since this activation is kept in memory only.
/// </summary>
public sealed class SurgeRegistryGrain(
    [PersistentState("surges", DispatcherNames.Storage)] IPersistentState<SurgeRegistryState> state,
    CityDirectory city,
    ILogger<SurgeRegistryGrain> logger) : Grain, ISurgeRegistryGrain
{
    private readonly HashSet<string> _pairs = new(StringComparer.Ordinal);

    public async Task<SurgeView> Open(string category, string district, SurgeTexts texts, Actor actor)
    {
        if (SurgeRules.ValidateOpen(category, district, texts, city) is { Count: > 0 } errors) throw new ValidationException(errors);
        if (OpenEntry(category, district) is { } open)
            throw new ConflictException($"Surge incident {open.Id} is open for {category} in {district}: edit it or close it first.");
        var view = await Create(category, district, texts, actor, null);
        await TellPair(view);
        return view;
    }

    public async Task<SurgeNotice> OpenForSpike(string category, string district, SurgeTrigger trigger)
    {
        if (OpenEntry(category, district) is { } open && await Surge(open.Id).Notice() is { } notice) return notice;
        var view = await Create(category, district, SurgeRules.ForSpike(category, district, trigger, city), Actor.System, trigger);
        // The pair's counter asked: it takes the answer, no need to tell it.
        return new SurgeNotice(view.Id, view.Category, view.District, view.Title, view.Notice, view.Script, view.OpenedAt);
    }

    public async Task<SurgeNotice?> Attach(string pairKey)
    {
        _pairs.Add(pairKey);
        var open = state.State.Entries.Find(e => e.Status == SurgeStatus.Open && IntakePlanner.IncidentKey(e.Category, e.District) == pairKey);
        return open is null ? null : await Surge(open.Id).Notice();
    }

    public async Task StatusChanged(string id, SurgeStatus status)
    {
        var index = state.State.Entries.FindIndex(e => e.Id == id);
        if (index < 0 || state.State.Entries[index].Status == status) return;
        state.State.Entries[index] = state.State.Entries[index] with { Status = status };
        await state.WriteOrReload(this);
    }

    public Task<SurgeEntry[]> List(SurgeStatus? status) =>
        Task.FromResult(state.State.Entries.Where(e => status is null || e.Status == status).Reverse().ToArray());

    public Task<string[]> Pairs() => Task.FromResult(_pairs.Order(StringComparer.Ordinal).ToArray());

    private SurgeEntry? OpenEntry(string category, string district) =>
        state.State.Entries.Find(e => e.Status == SurgeStatus.Open && e.Category == category && e.District == district);

    /// <summary>The incident is written before its registry row: a failure in between leaves an unlisted incident, never a row without one.</summary>
    private async Task<SurgeView> Create(string category, string district, SurgeTexts texts, Actor actor, SurgeTrigger? trigger)
    {
        string id;
        SurgeView view;
        // A number taken by an incident whose registry write failed (the sequence was not stored) is skipped.
        do
        {
            id = $"SRG-{++state.State.Sequence:D6}";
            view = await Surge(id).Open(category, district, texts, actor, trigger);
        }
        while (view.Category != category || view.District != district || view.Status != SurgeStatus.Open || state.State.Entries.Exists(e => e.Id == id));
        state.State.Entries.Add(new SurgeEntry(id, category, district, SurgeStatus.Open, view.OpenedAt));
        await state.WriteOrReload(this);
        return view;
    }

    private async Task TellPair(SurgeView view)
    {
        var key = IntakePlanner.IncidentKey(view.Category, view.District);
        try
        {
            await GrainFactory.GetGrain<IIncidentGrain>(key)
                .SurgeChanged(new SurgeNotice(view.Id, view.Category, view.District, view.Title, view.Notice, view.Script, view.OpenedAt));
        }
        catch (Exception ex) { logger.SurgeTellFailed(ex, view.Id, key); }
    }

    private ISurgeGrain Surge(string id) => GrainFactory.GetGrain<ISurgeGrain>(id);
}
