using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatcher.LoadTests.Reporting;

/// <summary>Writes a report as Markdown and JSON into the results folder, and copies both to latest.md / latest.json.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static (string md, string json) Write(this SuiteReport report, string dir, string stamp)
    {
        Directory.CreateDirectory(dir);
        var json = Path.Combine(dir, stamp + ".json");
        var md = Path.Combine(dir, stamp + ".md");
        File.WriteAllText(json, JsonSerializer.Serialize(report, Json));
        File.WriteAllText(md, Markdown(report));
        File.Copy(json, Path.Combine(dir, "latest.json"), true);
        File.Copy(md, Path.Combine(dir, "latest.md"), true);
        return (md, json);
    }

    private static string N(double v) => double.IsNaN(v) ? "–" : v >= 1000 ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Markdown(SuiteReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# Dispatcher load-test report — {report.StartedAt}");
        sb.AppendLine();
        sb.AppendLine($"Mode: **{report.Mode}**{(report.Complete ? "" : " — **incomplete (stopped early or still running)**")}. Finished: {report.FinishedAt ?? "–"}.");
        sb.AppendLine();
        sb.AppendLine("## Machine");
        foreach (var (k, v) in report.Machine) sb.AppendLine($"- {k}: {v}");
        sb.AppendLine();
        sb.AppendLine("## Settings");
        foreach (var (k, v) in report.Settings) sb.AppendLine($"- {k}: {v}");
        sb.AppendLine();
        sb.AppendLine("## Figures (median of repetitions, [min – max])");
        sb.AppendLine();
        sb.AppendLine("| figure | median | range | unit | baseline | ratio | target | status |");
        sb.AppendLine("| --- | ---: | --- | --- | --- | ---: | --- | --- |");
        foreach (var f in report.Figures)
        {
            var range = f.Values.Count > 1 ? $"{N(f.Min)} – {N(f.Max)} (n={f.Values.Count})" : "(n=1)";
            var baseline = f.BaselineId is null ? "" : $"{f.BaselineId} = {N(f.BaselineValue ?? double.NaN)}";
            var ratio = f.RatioToBaseline is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "";
            var target = string.Join("; ", new[] { f.Target, f.RatioTarget }.Where(x => x is not null));
            var status = f.Status == "n/a" ? "" : $"**{f.Status}**" + (f.Verdict is null ? "" : $" — {f.Verdict}");
            sb.AppendLine($"| {f.Name}{(f.Note is null ? "" : $" <br><sub>{f.Note}</sub>")} | {N(f.Median)} | {range} | {f.Unit} | {baseline} | {ratio} | {target} | {status} |");
        }
        sb.AppendLine();
        if (report.Analysis is not null)
        {
            sb.AppendLine(report.Analysis.TrimEnd());
            sb.AppendLine();
        }
        if (report.NotRun.Count > 0)
        {
            sb.AppendLine("## Not run");
            foreach (var n in report.NotRun) sb.AppendLine($"- {n}");
            sb.AppendLine();
        }
        if (report.Notes.Count > 0)
        {
            sb.AppendLine("## Notes");
            foreach (var n in report.Notes) sb.AppendLine($"- {n}");
            sb.AppendLine();
        }
        sb.AppendLine("## Details");
        sb.AppendLine();
        sb.AppendLine("Every run (latency in ms from each request's scheduled time for open loop; CPU is the whole process — host and load generator share it):");
        sb.AppendLine();
        sb.AppendLine("```json");
        sb.AppendLine(JsonSerializer.Serialize(report.Details, Json));
        sb.AppendLine("```");
        return sb.ToString();
    }
}
