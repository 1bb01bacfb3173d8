using Dispatcher.Domain.Surges;
using Microsoft.Extensions.Options;

namespace Dispatcher.Grains.Hosting;

/// <summary>
/// Surge mode (section "Dispatcher:Surge"): spike detection per category × district. Defaults: a
/// 2-minute window in 10 s buckets against the previous hour, a spike at max(30, 5 × baseline).
/// Operators open and close incidents whether or not detection is on.
/// </summary>
public sealed class SurgeOptions
{
    public const string Section = "Dispatcher:Surge";
    /// <summary>Whether a spike opens a surge incident by itself.</summary>
    public bool Detect { get; set; } = true;
    public TimeSpan Window { get; set; } = SpikeRule.Default.Window;
    public TimeSpan Bucket { get; set; } = SpikeRule.Default.Bucket;
    public TimeSpan Baseline { get; set; } = SpikeRule.Default.Baseline;
    public int Minimum { get; set; } = SpikeRule.Default.Minimum;
    public double Factor { get; set; } = SpikeRule.Default.Factor;
    /// <summary>How many cases a closing incident resolves between two writes of its progress.</summary>
    public int CloseBatch { get; set; } = 25;

    public SpikeRule Rule => new(Window, Bucket, Baseline, Minimum, Factor);
}

/// <summary>Refuses to start with a window, baseline or threshold the counter cannot use.</summary>
public sealed class SurgeOptionsValidator : IValidateOptions<SurgeOptions>
{
    public ValidateOptionsResult Validate(string? name, SurgeOptions o)
    {
        var failures = o.Rule.Problems().Select(p => $"{SurgeOptions.Section}:{p.Key} {p.Value}.").ToList();
        if (o.CloseBatch is < 1 or > 1000) failures.Add($"{SurgeOptions.Section}:CloseBatch must be between 1 and 1000.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
