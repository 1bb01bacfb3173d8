using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatcher.LoadTests;

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
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToList();
        var f = new Figure
        {
            Id = id, Name = name, Unit = unit, Values = values.Select(v => Math.Round(v, 3)).ToList(), Note = note,
            Median = sorted.Count == 0 ? double.NaN : Math.Round(sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 3),
            Min = sorted.Count == 0 ? double.NaN : Math.Round(sorted[0], 3),
            Max = sorted.Count == 0 ? double.NaN : Math.Round(sorted[^1], 3),
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

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public (string md, string json) Write(string dir, string stamp)
    {
        Directory.CreateDirectory(dir);
        var json = Path.Combine(dir, stamp + ".json");
        var md = Path.Combine(dir, stamp + ".md");
        File.WriteAllText(json, JsonSerializer.Serialize(this, Json));
        File.WriteAllText(md, Markdown());
        File.Copy(json, Path.Combine(dir, "latest.json"), true);
        File.Copy(md, Path.Combine(dir, "latest.md"), true);
        return (md, json);
    }

    private static string N(double v) => double.IsNaN(v) ? "–" : v >= 1000 ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Dispatcher load-test report — {StartedAt}");
        sb.AppendLine();
        sb.AppendLine($"Mode: **{Mode}**{(Complete ? "" : " — **incomplete (stopped early or still running)**")}. Finished: {FinishedAt ?? "–"}.");
        sb.AppendLine();
        sb.AppendLine("## Machine");
        foreach (var (k, v) in Machine) sb.AppendLine($"- {k}: {v}");
        sb.AppendLine();
        sb.AppendLine("## Settings");
        foreach (var (k, v) in Settings) sb.AppendLine($"- {k}: {v}");
        sb.AppendLine();
        sb.AppendLine("## Figures (median of repetitions, [min – max])");
        sb.AppendLine();
        sb.AppendLine("| figure | median | range | unit | baseline | ratio | target | status |");
        sb.AppendLine("| --- | ---: | --- | --- | --- | ---: | --- | --- |");
        foreach (var f in Figures)
        {
            var range = f.Values.Count > 1 ? $"{N(f.Min)} – {N(f.Max)} (n={f.Values.Count})" : "(n=1)";
            var baseline = f.BaselineId is null ? "" : $"{f.BaselineId} = {N(f.BaselineValue ?? double.NaN)}";
            var ratio = f.RatioToBaseline is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "";
            var target = string.Join("; ", new[] { f.Target, f.RatioTarget }.Where(x => x is not null));
            var status = f.Status == "n/a" ? "" : $"**{f.Status}**" + (f.Verdict is null ? "" : $" — {f.Verdict}");
            sb.AppendLine($"| {f.Name}{(f.Note is null ? "" : $" <br><sub>{f.Note}</sub>")} | {N(f.Median)} | {range} | {f.Unit} | {baseline} | {ratio} | {target} | {status} |");
        }
        sb.AppendLine();
        if (Analysis is not null)
        {
            sb.AppendLine(Analysis.TrimEnd());
            sb.AppendLine();
        }
        if (NotRun.Count > 0)
        {
            sb.AppendLine("## Not run");
            foreach (var n in NotRun) sb.AppendLine($"- {n}");
            sb.AppendLine();
        }
        if (Notes.Count > 0)
        {
            sb.AppendLine("## Notes");
            foreach (var n in Notes) sb.AppendLine($"- {n}");
            sb.AppendLine();
        }
        sb.AppendLine("## Details");
        sb.AppendLine();
        sb.AppendLine("Every run (latency in ms from each request's scheduled time for open loop; CPU is the whole process — host and load generator share it):");
        sb.AppendLine();
        sb.AppendLine("```json");
        sb.AppendLine(JsonSerializer.Serialize(Details, Json));
        sb.AppendLine("```");
        return sb.ToString();
    }

    public static Dictionary<string, object?> MachineFacts()
    {
        static string? Read(string path) { try { return File.ReadAllText(path); } catch { return null; } }
        var meminfo = Read("/proc/meminfo") ?? "";
        var memTotal = meminfo.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var memAvail = meminfo.Split('\n').FirstOrDefault(l => l.StartsWith("MemAvailable"))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var cpu = (Read("/proc/cpuinfo") ?? "").Split('\n').FirstOrDefault(l => l.StartsWith("model name"))?.Split(':')[1].Trim();
        string? git = null;
        try
        {
            using var p = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            git = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit(2000);
        }
        catch { }
        return new()
        {
            ["cores"] = Environment.ProcessorCount,
            ["cpu"] = cpu,
            ["memoryGiB"] = memTotal is null ? null : Math.Round(long.Parse(memTotal, CultureInfo.InvariantCulture) / 1048576.0, 1),
            ["memoryAvailableGiBAtStart"] = memAvail is null ? null : Math.Round(long.Parse(memAvail, CultureInfo.InvariantCulture) / 1048576.0, 1),
            ["os"] = RuntimeInformation.OSDescription,
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["serverGC"] = GCSettings.IsServerGC,
            ["concurrentGC"] = GCSettings.LatencyMode != GCLatencyMode.Batch,
            ["loadAverageAtStart"] = Read("/proc/loadavg")?.Trim(),
            ["cpuPressureAtStart"] = Read("/proc/pressure/cpu")?.Split('\n')[0].Trim(),
            ["otherProcessesCpuTop"] = TopOtherProcesses(),
            ["gitCommit"] = git,
            ["orleans"] = typeof(Orleans.IGrainFactory).Assembly.GetName().Version?.ToString(),
        };
    }

    /// <summary>"Other load": the busiest other processes by CPU time so far (ps), so a noisy neighbour shows.</summary>
    private static string? TopOtherProcesses()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("ps", "-eo pid,pcpu,comm --sort=-pcpu") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Where(l => !l.TrimStart().StartsWith(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + " ")).Take(4);
            p.WaitForExit(2000);
            return string.Join(" | ", lines.Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        }
        catch { return null; }
    }
}
