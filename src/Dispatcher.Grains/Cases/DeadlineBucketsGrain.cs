using Dispatcher.Abstractions.Cases;
using Dispatcher.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Dispatcher.Grains.Cases;

/// <summary>
/// Starts every deadline bucket once per activation of this grain (ADR-030). Silos call
/// <see cref="Start"/> at start-up; while this grain is active the call returns at once, so
/// starting a silo costs one grain call, and the buckets' own reminders keep them alive afterwards.
/// It does no deadline work itself.
/// </summary>
public sealed class DeadlineBucketsGrain(IOptions<DeadlineOptions> options) : Grain, IDeadlineBucketsGrain
{
    private Task? _started;

    public Task Start() => _started ??= StartAll();

    private async Task StartAll()
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, options.Value.Buckets).Select(b => GrainFactory.GetGrain<IDeadlineBucketGrain>(b).Start()));
        }
        catch
        {
            _started = null; // the next silo start (or retry) tries again
            throw;
        }
    }
}
