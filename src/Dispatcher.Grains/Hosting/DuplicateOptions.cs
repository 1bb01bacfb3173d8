namespace Dispatcher.Grains.Hosting;

/// <summary>
/// Duplicate merging (并单, section "Dispatcher:Duplicates"). Off unless configured; the host's
/// appsettings.json turns it on.
/// </summary>
public sealed class DuplicateOptions
{
    public const string Section = "Dispatcher:Duplicates";
    public bool Enabled { get; set; }
    /// <summary>How long after a report a further report of the same place joins it.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(2);
    /// <summary>Reports with coordinates this close are the same place.</summary>
    public double DistanceMeters { get; set; } = 300;
}
