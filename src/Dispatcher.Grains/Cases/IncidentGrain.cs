using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Matching;
using Dispatcher.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Dispatcher.Grains.Cases;

/// <summary>
/// Recent open cases of one category in one district, kept in memory only: merging duplicates is a
/// convenience, so losing this list with a silo only means a later report opens its own case.
/// One grain per (category, district) spreads a surge's many reports of one incident over few calls.
/// </summary>
public sealed class IncidentGrain(IOptions<DuplicateOptions> options, TimeProvider clock) : Grain, IIncidentGrain
{
    private sealed record Known(string CaseId, DateTimeOffset At, string? Address, double? Latitude, double? Longitude);

    // Reports without coordinates match by normalised address: a dictionary lookup, not a scan.
    private readonly Dictionary<string, Known> _byAddress = new(StringComparer.Ordinal);
    // Reports with coordinates match by distance; far fewer in practice (app reports).
    private readonly List<Known> _located = [];
    private readonly Queue<Known> _byTime = new();

    public Task<string?> Claim(string caseId, DateTimeOffset at, string? address, double? latitude, double? longitude)
    {
        Prune();
        if (Match(caseId, address, latitude, longitude) is { } match) return Task.FromResult<string?>(match.CaseId);
        Remember(new Known(caseId, at, IncidentPlace.Normalise(address), latitude, longitude));
        return Task.FromResult<string?>(null);
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
