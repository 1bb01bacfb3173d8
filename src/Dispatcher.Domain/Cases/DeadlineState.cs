using Dispatcher.Abstractions.Cases;

namespace Dispatcher.Domain.Cases;

/// <summary>One step's deadline: when its clock started, when it is due, how far its warnings got.</summary>
[GenerateSerializer, Alias("dispatcher.deadline-state")]
public sealed class DeadlineState
{
    [Id(0)] public DeadlineStep Step { get; set; }
    [Id(1)] public DateTimeOffset Start { get; set; }
    [Id(2)] public DateTimeOffset Due { get; set; }
    /// <summary>How many warning points (then the breach) have fired; handlers compare against it, so a late or duplicate tick fires nothing twice.</summary>
    [Id(3)] public int Fired { get; set; }
    [Id(4)] public bool Done { get; set; }
    [Id(5)] public bool Breached { get; set; }
}
