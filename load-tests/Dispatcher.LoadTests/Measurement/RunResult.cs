namespace Dispatcher.LoadTests.Measurement;

/// <summary>The outcome of one measured run.</summary>
public sealed class RunResult
{
    public string Name { get; set; } = "";
    public string Mode { get; set; } = "";           // open or closed
    public double OfferedRate { get; set; }
    public int Callers { get; set; }
    public double Seconds { get; set; }
    public long Ok { get; set; }
    public long Errors { get; set; }
    public double Throughput { get; set; }           // successful operations per second in the measured window
    public double ErrorRate => Ok + Errors == 0 ? 0 : (double)Errors / (Ok + Errors);
    public LatencySummary Latency { get; set; } = new(0, 0, 0, 0, 0, 0, 0);
    public Dictionary<string, LatencySummary> Phases { get; set; } = [];
    public Dictionary<string, double> PhaseThroughput { get; set; } = [];
    public List<double> P99PerSecond { get; set; } = [];   // by scheduled second since measurement start (open loop)
    public ResourceUse? Resources { get; set; }
    public Dictionary<string, string> FirstErrors { get; set; } = [];
    public Dictionary<string, double> Extra { get; set; } = [];
}
