namespace Dispatcher.LoadTests.Reporting;

/// <summary>One reported figure: median and range over repetitions, its ratio to a limit, its target.</summary>
public sealed class Figure
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    public double Median { get; set; }
    public double Min { get; set; }
    public double Max { get; set; }
    public List<double> Values { get; set; } = [];
    public string? BaselineId { get; set; }
    public double? BaselineValue { get; set; }
    public double? RatioToBaseline { get; set; }
    public string? Target { get; set; }
    public string? RatioTarget { get; set; }
    /// <summary>met, missed, or n/a; with how far off in <see cref="Verdict"/>.</summary>
    public string Status { get; set; } = "n/a";
    public string? Verdict { get; set; }
    public string? Note { get; set; }
}
