using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Surges;
using Dispatcher.Domain.Matching;
using Dispatcher.Domain.Surges;
using Dispatcher.Grains.Hosting;
using Dispatcher.Grains.Surges;
using Dispatcher.Storage.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatcher.Grains.Cases;

/// <summary>
/// Recent open cases of one category in one district, kept in memory only: merging duplicates is a
/// convenience, so losing this list with a silo only means a later report opens its own case.
/// One grain per (category, district) spreads a surge's many reports of one incident over few calls.
/// It is also the pair's surge counter (ADR-028): every intake of the pair is counted here, and a
/// spike opens a surge incident through the registry. The count is in memory too; when it starts it
/// reads the pair's last hour from the case index. The pair's open incident is asked of the registry on
/// activation and pushed here when it opens, changes or closes.
/// </summary>
public sealed class IncidentGrain(IOptions<DuplicateOptions> options, IOptions<SurgeOptions> surgeOptions, ICaseIndex index, TimeProvider clock,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain
{
    private readonly SpikeDetector _spikes = new(surgeOptions.Value.Rule);
    private SurgeNotice? _surge;
    /// <summary>After an incident closes the window still holds its spike: no new one opens until it has passed.</summary>
    private DateTimeOffset _quietUntil = DateTimeOffset.MinValue;

    private static readonly TimeSpan RetryRegistryAfter = TimeSpan.FromSeconds(5);
    /// <summary>When the registry was last asked in vain for the pair's open incident; null once it answered.</summary>
    private DateTimeOffset? _attachFailedAt;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Attach();
        if (surgeOptions.Value.Detect) await SeedFromIndex(cancellationToken);
    }

    /// <summary>
    /// Asks the registry for the pair's open incident. Best effort: an unreachable registry (its silo
    /// just died) must not fail intakes, so the pair counts on and asks again a few seconds later.
    /// </summary>
    private async Task Attach()
    {
        try
        {
            _surge = await GrainFactory.GetGrain<ISurgeRegistryGrain>(DispatcherNames.SingletonKey).Attach(this.GetPrimaryKeyString());
            _attachFailedAt = null;
        }
        catch (Exception ex)
        {
            _attachFailedAt = clock.GetUtcNow();
            logger.SurgeRegistryUnreachable(ex, this.GetPrimaryKeyString());
        }
    }

    /// <summary>
    /// The pair's last hour from the case index, so a counter that starts after a silo restart knows a
    /// busy pair is busy. Best effort: without the index the counter starts empty.
    /// </summary>
    private async Task SeedFromIndex(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var separator = key.IndexOf('|', StringComparison.Ordinal);
        if (separator < 0) return;
        var (category, district) = (key[..separator], key[(separator + 1)..]);
        var now = clock.GetUtcNow();
        var windowStart = now - surgeOptions.Value.Window;
        try
        {
            var baseline = await index.Search(new CaseQuery(Category: category, District: district, From: windowStart - surgeOptions.Value.Baseline, To: windowStart, PageSize: 1), cancellationToken);
            var window = await index.Search(new CaseQuery(Category: category, District: district, From: windowStart, PageSize: 1), cancellationToken);
            _spikes.Seed(now, baseline.Total, window.Total);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.SurgeSeedFailed(ex, key);
        }
    }

    public async Task<IncidentObservation> Observe(DateTimeOffset at, IncidentClaim? claim)
    {
        var surge = await CountIntake(at);
        return surge is not null || claim is null ? new(surge, null) : new(null, Claim(claim, at));
    }

    private async Task<SurgeNotice?> CountIntake(DateTimeOffset at)
    {
        var reading = _spikes.Record(at);
        if (_attachFailedAt is { } failed && clock.GetUtcNow() - failed > RetryRegistryAfter) await Attach();
        if (_surge is not null || !surgeOptions.Value.Detect || !reading.IsSpike || at < _quietUntil || _attachFailedAt is not null) return _surge;
        var key = this.GetPrimaryKeyString();
        var separator = key.IndexOf('|', StringComparison.Ordinal);
        var trigger = new SurgeTrigger(reading.WindowCount, reading.Baseline, reading.Threshold, surgeOptions.Value.Window);
        try
        {
            _surge = await GrainFactory.GetGrain<ISurgeRegistryGrain>(DispatcherNames.SingletonKey).OpenForSpike(key[..separator], key[(separator + 1)..], trigger);
        }
        catch (Exception ex)
        {
            // The report routes as a case of its own; the next report of the spike tries again.
            logger.SurgeRegistryUnreachable(ex, key);
        }
        return _surge;
    }

    public Task SurgeChanged(SurgeNotice? open)
    {
        if (open is null && _surge is not null) _quietUntil = clock.GetUtcNow() + surgeOptions.Value.Window;
        _surge = open;
        return Task.CompletedTask;
    }

    public Task<int[]> PerMinute(int minutes) => Task.FromResult(_spikes.PerMinute(clock.GetUtcNow(), minutes));

    private sealed record Known(string CaseId, DateTimeOffset At, string? Address, double? Latitude, double? Longitude);

    // Reports without coordinates match by normalised address: a dictionary lookup, not a scan.
    private readonly Dictionary<string, Known> _byAddress = new(StringComparer.Ordinal);
    // Reports with coordinates match by distance; far fewer in practice (app reports).
    private readonly List<Known> _located = [];
    private readonly Queue<Known> _byTime = new();

    /// <summary>The open case this report duplicates, or null after registering it as a new incident.</summary>
    private string? Claim(IncidentClaim claim, DateTimeOffset at)
    {
        Prune();
        if (Match(claim.CaseId, claim.Address, claim.Latitude, claim.Longitude) is { } match) return match.CaseId;
        Remember(new Known(claim.CaseId, at, IncidentPlace.Normalise(claim.Address), claim.Latitude, claim.Longitude));
        return null;
    }

    public Task<string?> Find(string? address, double? latitude, double? longitude)
    {
        Prune();
        return Task.FromResult(Match(null, address, latitude, longitude)?.CaseId);
    }

    private Known? Match(string? caseId, string? address, double? latitude, double? longitude)
    {
        if (latitude is { } lat && longitude is { } lon)
            return _located.FindLast(k => k.CaseId != caseId && IncidentPlace.Meters(k.Latitude!.Value, k.Longitude!.Value, lat, lon) <= options.Value.DistanceMeters);
        var key = IncidentPlace.Normalise(address);
        return key is not null && _byAddress.TryGetValue(key, out var known) && known.CaseId != caseId ? known : null;
    }

    public Task Replace(string oldCaseId, string newCaseId, DateTimeOffset at, string? address, double? latitude, double? longitude)
    {
        _located.RemoveAll(k => k.CaseId == oldCaseId);
        var key = IncidentPlace.Normalise(address);
        if (key is not null && _byAddress.TryGetValue(key, out var known) && known.CaseId == oldCaseId) _byAddress.Remove(key);
        Remember(new Known(newCaseId, at, key, latitude, longitude));
        return Task.CompletedTask;
    }

    private void Remember(Known known)
    {
        if (known.Latitude is not null && known.Longitude is not null) _located.Add(known);
        else if (known.Address is not null) _byAddress[known.Address] = known;
        else return;
        _byTime.Enqueue(known);
    }

    private void Prune()
    {
        var oldest = clock.GetUtcNow() - options.Value.Window;
        while (_byTime.TryPeek(out var k) && k.At < oldest)
        {
            _byTime.Dequeue();
            if (k.Address is not null && _byAddress.TryGetValue(k.Address, out var current) && ReferenceEquals(current, k)) _byAddress.Remove(k.Address);
            else _located.Remove(k);
        }
    }
}
