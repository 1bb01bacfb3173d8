using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Dispatcher.LoadTests.Reporting;

/// <summary>The machine a report was measured on: cores, memory, runtime, load and the busiest other processes.</summary>
public static class MachineFacts
{
    public static Dictionary<string, object?> Collect()
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
