namespace Dispatcher.LoadTests.Measurement;

/// <summary>Process CPU and memory over one measured window (see <see cref="ResourceSampler"/>).</summary>
public sealed record ResourceUse(double CpuSeconds, double CpuPercentOfMachine, double GcHeapMbEnd, double GcHeapMbMax, double WorkingSetMbMax, int Gen2Collections, double GcPausePercent,
    double AllocatedMb = 0, int Gen0Collections = 0);
