using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Cases.Intake;
using Dispatcher.Domain.Routing;

namespace Dispatcher.Domain.Tests;

/// <summary>
/// Drives one case through <see cref="CaseWorkflow"/> the way the case grain does (route with the
/// demo rules, then apply commands), with a clock that moves one minute per step.
/// </summary>
internal sealed class CaseScenario(int maxReturns = 2)
{
    public const string CaseId = "ZZ-TEST-0000-0001";
    public static readonly Actor Channel = new(ActorKind.Channel, "wechat");
    public static readonly Actor Agent = new(ActorKind.Agent, "agent-7");
    public static readonly Actor Admin = new(ActorKind.Admin, "admin-1");

    private readonly RuleMatcher _matcher = new(DemoCity.City.Rules);
    private int _requests;

    public CaseWorkflow Workflow { get; } = new(DemoCity.City, maxReturns);
    public IntakePlanner Planner { get; } = new(DemoCity.City, mergeDuplicates: false);
    public CaseState State { get; } = new();
    public DateTimeOffset Now { get; private set; } = new(2026, 11, 3, 2, 0, 0, TimeSpan.Zero);

    /// <summary>A user of the department that holds the case now.</summary>
    public Actor Department => new(ActorKind.Department, "clerk-1", State.DepartmentId);

    public static Actor DepartmentUser(string departmentId) => new(ActorKind.Department, "clerk-1", departmentId);

    public CaseOutcome Submit(CaseIntake? intake = null, Actor? actor = null)
    {
        intake ??= DemoCity.Intake();
        var rule = _matcher.Match(intake.Category, intake.District, intake.Attributes, DemoCity.City.LocalTimeOf(Now));
        // The way every intake path goes: the planner accepts (or refuses) it first.
        var accepted = Planner.Plan(new SubmitCase(actor ?? Channel, intake), IntakeFacts.None, Now).Accepted;
        return Workflow.Submit(State, CaseId, accepted, new RoutingDecision(rule?.DepartmentId, rule?.Id, 1, CoDepartments: rule?.CoDepartments), Tick());
    }

    public CaseOutcome Do(CaseAction action, Actor actor, string? text = "because", string? target = null, string? requestId = null) =>
        Workflow.Apply(State, action, actor, requestId ?? $"req-{++_requests}", text, Tick(), target);

    public CaseOutcome Acknowledge() => Do(CaseAction.Acknowledge, Department, null);
    public CaseOutcome Start() => Do(CaseAction.Start, Department, null);
    public CaseOutcome Reply() => Do(CaseAction.Reply, Department, "We sent an inspector.");
    public CaseOutcome Resolve() => Do(CaseAction.Resolve, Department, "The site stopped night work.");
    public CaseOutcome Return() => Do(CaseAction.Return, Department, "Not ours.");
    public CaseOutcome Dispatch(string target, Actor? actor = null) => Do(CaseAction.Dispatch, actor ?? Agent, "by hand", target);
    public CaseOutcome Close() => Do(CaseAction.Close, Agent, null);
    public CaseOutcome Reopen() => Do(CaseAction.Reopen, Agent, "Citizen says the noise is back.");

    private DateTimeOffset Tick() => Now = Now.AddMinutes(1);

    /// <summary>A scenario driven into the given state from a routed (or, for Triage, unmatched) intake.</summary>
    public static CaseScenario In(CaseStatus status)
    {
        var s = new CaseScenario();
        if (status == CaseStatus.Triage) { s.Submit(DemoCity.Intake(category: "other")); return s; }
        s.Submit();
        switch (status)
        {
            case CaseStatus.Dispatched: break;
            case CaseStatus.Acknowledged: s.Acknowledge(); break;
            case CaseStatus.InProgress: s.Acknowledge(); s.Start(); break;
            case CaseStatus.Replied: s.Acknowledge(); s.Reply(); break;
            case CaseStatus.Resolved: s.Acknowledge(); s.Reply(); s.Resolve(); break;
            case CaseStatus.Closed: s.Acknowledge(); s.Reply(); s.Resolve(); s.Close(); break;
            case CaseStatus.Reopened: s.Acknowledge(); s.Reply(); s.Resolve(); s.Reopen(); break;
            case CaseStatus.Returned: s.Return(); break;
            case CaseStatus.Arbitration: s.Return(); s.Dispatch("city-environment"); s.Return(); break;
            default: throw new ArgumentOutOfRangeException(nameof(status), status, "No recipe for this state.");
        }
        Assert.Equal(status, s.State.Status);
        return s;
    }
}
