namespace Dispatcher.LoadTests.Storm;

/// <summary>What one deadline storm measured (load-tests/README.md, "deadline storm").</summary>
public sealed class StormResult
{
    public string Label { get; set; } = "";
    public int Buckets { get; set; }
    public int Silos { get; set; }
    public long CasesTaken { get; set; }
    public long IntakeErrors { get; set; }
    public double IntakeSeconds { get; set; }
    /// <summary>Storm cases whose acknowledge clock ran (routed to a department).</summary>
    public long CasesWithDeadlines { get; set; }
    /// <summary>Of those, cases whose breach had not been written when the run gave up waiting.</summary>
    public long BreachesMissing { get; set; }
    /// <summary>Warnings and breaches written (history entries of the storm cases).</summary>
    public long Events { get; set; }
    public double LatenessP50Ms { get; set; }
    public double LatenessP99Ms { get; set; }
    public double LatenessMaxMs { get; set; }
    public double BreachLatenessP99Ms { get; set; }
    /// <summary>Events over the span from the first to the last recorded one.</summary>
    public double EventsPerSecond { get; set; }
    /// <summary>The busiest 5 seconds of recorded events.</summary>
    public double PeakEventsPerSecond { get; set; }
    /// <summary>The busiest 5 seconds of due events: the demand the buckets had to meet.</summary>
    public double PeakDuePerSecond { get; set; }
    public double SteadyRate { get; set; }
    public double SteadyP99Ms { get; set; }
    public double SteadyP50Ms { get; set; }
    public double SteadyThroughput { get; set; }
    public long SteadyErrors { get; set; }
    public double SteadySeconds { get; set; }
}
