using Dispatcher.Cases;
using Dispatcher.Hosting;
using Dispatcher.Matching;
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
    private readonly List<Known> _recent = [];

    public Task<string?> Claim(string caseId, DateTimeOffset at, string? address, double? latitude, double? longitude)
    {
        Prune();
        var o = options.Value;
        var match = _recent.FindLast(k => k.CaseId != caseId && IncidentPlace.Same(k.Address, k.Latitude, k.Longitude, address, latitude, longitude, o.DistanceMeters));
        if (match is not null) return Task.FromResult<string?>(match.CaseId);
        if (!_recent.Any(k => k.CaseId == caseId)) _recent.Add(new Known(caseId, at, address, latitude, longitude));
        return Task.FromResult<string?>(null);
    }

    public Task Replace(string oldCaseId, string newCaseId, DateTimeOffset at, string? address, double? latitude, double? longitude)
    {
        _recent.RemoveAll(k => k.CaseId == oldCaseId);
        _recent.Add(new Known(newCaseId, at, address, latitude, longitude));
        return Task.CompletedTask;
    }

    private void Prune()
    {
        var oldest = clock.GetUtcNow() - options.Value.Window;
        _recent.RemoveAll(k => k.At < oldest);
    }
}
