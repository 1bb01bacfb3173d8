namespace Dispatcher.LoadTests.Reporting;

/// <summary>What one suite run found: its figures (each judged against its limit and target), what was not run, notes and details.</summary>
public sealed class SuiteReport
{
    public string StartedAt { get; set; } = DateTimeOffset.Now.ToString("O");
    public string? FinishedAt { get; set; }
    public bool Complete { get; set; }
    public string Mode { get; set; } = "";
    public Dictionary<string, object?> Machine { get; set; } = [];
    public Dictionary<string, object?> Settings { get; set; } = [];
    public List<Figure> Figures { get; set; } = [];
    public List<string> NotRun { get; set; } = [];
    public List<string> Notes { get; set; } = [];
    /// <summary>The hand-written analysis (load-tests/analysis.md): each hot-path change and its effect, and why targets are missed.</summary>
    public string? Analysis { get; set; }
    public Dictionary<string, object?> Details { get; set; } = [];

    public Figure Add(string id, string name, string unit, IReadOnlyList<double> values, string? note = null)
    {
        var measured = values.Where(v => !double.IsNaN(v)).ToList();
        var f = new Figure
        {
            Id = id, Name = name, Unit = unit, Values = values.Select(v => Math.Round(v, 3)).ToList(), Note = note,
            Median = Math.Round(measured.Median(), 3),
            Min = measured.Count == 0 ? double.NaN : Math.Round(measured.Min(), 3),
            Max = measured.Count == 0 ? double.NaN : Math.Round(measured.Max(), 3),
        };
        Figures.RemoveAll(x => x.Id == id);
        Figures.Add(f);
        return f;
    }

    public Figure? Find(string id) => Figures.FirstOrDefault(f => f.Id == id);

    /// <summary>Relates a figure to its baseline and target. higherIsBetter: throughput; otherwise latency/memory.</summary>
    public void Judge(Figure f, string? baselineId, double? target, bool higherIsBetter, string? targetText, double? ratioTarget = null)
    {
        if (baselineId is not null && Find(baselineId) is { } b && b.Median > 0)
        {
            f.BaselineId = baselineId;
            f.BaselineValue = b.Median;
            f.RatioToBaseline = Math.Round(f.Median / b.Median, 4);
        }
        f.Target = targetText;
        if (ratioTarget is not null) f.RatioTarget = $"≥ {ratioTarget.Value:P0} of {baselineId}";
        var verdicts = new List<string>();
        var status = "n/a";
        if (target is not null && !double.IsNaN(f.Median))
        {
            var met = higherIsBetter ? f.Median >= target : f.Median <= target;
            var off = higherIsBetter ? f.Median / target.Value : f.Median / target.Value;
            verdicts.Add(met ? $"target met ({off:0.00}× the target)" : $"target missed ({off:0.00}× the target)");
            status = met ? "met" : "missed";
        }
        if (ratioTarget is not null && f.RatioToBaseline is { } r)
        {
            var met = r >= ratioTarget;
            verdicts.Add(met ? $"ratio met ({r:P1} ≥ {ratioTarget:P0})" : $"ratio missed ({r:P1} < {ratioTarget:P0})");
            status = status == "missed" || !met ? "missed" : "met";
        }
        f.Status = status;
        f.Verdict = verdicts.Count == 0 ? null : string.Join("; ", verdicts);
    }
}
