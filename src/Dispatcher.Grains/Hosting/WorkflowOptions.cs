namespace Dispatcher.Grains.Hosting;

/// <summary>The workflow's own settings (section "Dispatcher:Workflow").</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Dispatcher:Workflow";

    /// <summary>Returns after which a case goes to arbitration (R4; default 2).</summary>
    public int MaxReturns { get; set; } = 2;

    /// <summary>How stale a router's copy of the rule table may be before it checks the version.</summary>
    public TimeSpan RoutingRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}
