using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Agents;
using Dispatcher.Abstractions.Audit;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Departments;
using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Abstractions.Notifications;
using Dispatcher.Abstractions.Routing;
using Dispatcher.Abstractions.Surges;
using Dispatcher.Domain.Cases;
using Dispatcher.Domain.Cases.Outbox;
using Dispatcher.Domain.Stats;
using Dispatcher.Grains.Accounts;
using Dispatcher.Grains.Agents;
using Dispatcher.Grains.Audit;
using Dispatcher.Grains.Hotlines;
using Dispatcher.Grains.Knowledge;
using Dispatcher.Grains.Notifications;
using Dispatcher.Grains.Routing;
using Dispatcher.Grains.Surges;

namespace Dispatcher.Grains.Tests.PersistedState;

/// <summary>
/// One value of every type a grain persists, with every field set to something other than its
/// default, so a field that stops being read (renumbered, renamed, retyped) shows as a difference.
/// </summary>
internal static class StateSamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 15, 0, TimeSpan.FromHours(8));

    public static IReadOnlyDictionary<string, object> All() => new Dictionary<string, object>
    {
        ["case"] = Case(),
        // Written after ADR-020: a case entry's hash (field 9); the "case" sample keeps the bytes of entries stored before it.
        ["history-entry-chained"] = new HistoryEntry(3, At.AddHours(6), new Actor(ActorKind.Agent, "agent-7"), CaseAction.Close, CaseStatus.Resolved,
            CaseStatus.Closed, "city-water", "closed after callback", "agent-7:k3", new string('a', 64)),
        // Written after ADR-030: a deadline entry's recorded time (field 10); "history-entry-chained" keeps entries stored before it.
        ["history-entry-recorded"] = new HistoryEntry(4, At.AddHours(7), Actor.System, CaseAction.Overdue, CaseStatus.Dispatched,
            CaseStatus.Dispatched, "city-water", "acknowledge deadline passed", "system:k4", new string('b', 64), At.AddHours(7).AddSeconds(8)),
        // Written after ADR-026: a citizen's e-mail and message language (fields 2 and 3); the "case" sample keeps contacts stored before.
        ["citizen-contact-with-email"] = new CitizenContact("Li Ming", "13800138000", "li.ming@example.cn", "en"),
        ["notification-queue"] = NotificationQueue(),
        // Written after rulings became precedent: a rule's provenance (field 8).
        ["routing-rule-precedent"] = new RoutingRule("ruling-zz-1", "illegal-construction", "gaoxin", new() { ["siteManagedBy"] = "committee" },
            new TimeWindow(new TimeOnly(22, 0), new TimeOnly(6, 0)), 3, "city-construction-committee", "Arbitration ruling on case ZZ-1",
            new RulingPrecedent("ZZ-1", "arbitration ruling: the committee's", "Agent agent-7", At)),
        ["department-ledger"] = Ledger(),
        ["department-journal"] = Journal(),
        ["department-journal-batch"] = new List<DepartmentNotice> { Notice(7), Notice(8) with { Satisfaction = Satisfaction.Unsatisfied } },
        ["agent"] = Agent(),
        ["routing-table"] = RoutingTable(),
        ["hotline-registry"] = Registry(),
        ["knowledge-base"] = Knowledge(),
        // Written after ADR-023: a singleton's changes not yet in the audit log (field 5 of the routing table, the same list in every singleton).
        ["routing-table-pending-audit"] = WithPendingAudit(RoutingTable()),
        ["audit-log"] = AuditLog(),
        // Written after issue 13: the clerk who handles the case (field 26); the "case" sample keeps the bytes of cases stored before it.
        ["case-claimed"] = Claimed(),
        ["sign-in-guard"] = new SignInGuardState { Failures = 5, LockedUntil = At.AddMinutes(15) },
        // Written after joint cases (ADR-027): a case's co-parts (field 27), a department's co-handled counters (fields 18–25) and
        // inbox role (field 7), a notice's role (field 14), a rule's co-departments (field 9). Own samples, so older fixtures keep their bytes.
        ["case-joint"] = JointCase(),
        ["department-ledger-co"] = CoLedger(),
        ["department-journal-batch-co"] = new List<DepartmentNotice> { Notice(9) with { Kind = DepartmentNoticeKind.CoReleased, Role = CaseRole.Co } },
        ["routing-rule-co-departments"] = new RoutingRule("drain-roadworks-erqi", "road-damage", "erqi", new() { ["cause"] = "blocked-drain" }, null, 0, "city-water",
            "blocked drain under road works", CoDepartments: ["city-urban-management", "erqi-government"]),
        ["surge"] = Surge(),
        ["surge-registry"] = new SurgeRegistryState
        {
            Sequence = 2,
            Entries = [new SurgeEntry("SRG-000001", "water-main-burst", "erqi", SurgeStatus.Closed, At), new SurgeEntry("SRG-000002", "heating", "jinshui", SurgeStatus.Open, At.AddDays(1))],
        },
    };

    private static SurgeState Surge() => new()
    {
        Id = "SRG-000001", Category = "water-main-burst", District = "erqi", Status = SurgeStatus.Closing,
        Title = "Burst main", Notice = "Being repaired", Script = "Take details", Outcome = "Repaired",
        OpenedBy = Actor.System, Trigger = new SurgeTrigger(30, 1.5, 30, TimeSpan.FromMinutes(2)), OpenedAt = At,
        LeadCaseIds = ["ZZ-LEAD-1", "ZZ-LEAD-2"], CloseRequestId = "close-1", ClosedBy = new Actor(ActorKind.Supervisor, "zhou.min"),
        ClosedAt = At.AddHours(3), ToResolve = ["ZZ-LEAD-1", "ZZ-JOIN-1"], Resolved = 1,
    };

    private static CaseState JointCase() => new()
    {
        Id = "ZZ-JOINT-1",
        CoParts =
        [
            new CoPart
            {
                DepartmentId = "erqi-government", Status = CoPartStatus.Replied, AssignedAt = At, AcknowledgedAt = At.AddMinutes(4),
                RepliedAt = At.AddHours(2), Reply = "residents informed", ReleaseReason = "asked first, then replied",
                Deadlines = [new DeadlineState { Step = DeadlineStep.Acknowledge, Start = At, Due = At.AddMinutes(10), Fired = 1, Done = true, Breached = true }],
                Overdue = true,
            },
        ],
    };

    private static DepartmentLedger CoLedger()
    {
        var ledger = new DepartmentLedger { Generation = 1 };
        ledger.Inbox["ZZ-JOINT-1"] = new InboxEntry
        {
            Item = new InboxItem("ZZ-JOINT-1", CaseStatus.Dispatched, "road-damage", "erqi", CasePriority.High, At, At.AddHours(1), CaseRole.Co),
            LastSequence = 4,
        };
        ledger.Months["2026-11"] = new MonthCounters
        {
            CoReceived = 21, CoAcknowledged = 22, CoAcknowledgedOnTime = 23, CoReplied = 24, CoRepliedOnTime = 25, CoReleased = 26, CoWithdrawn = 27, CoOverdue = 28,
        };
        return ledger;
    }

    private static CaseIntake Intake() => new("hotline", "water-outage", "jinshui", "Jinshui Road 12", "No water since morning.",
        new() { ["siteManagedBy"] = "city-water" }, new CitizenContact("Li Ming", "13800138000"), CasePriority.High,
        OriginLine: "mayor-line", Latitude: 34.7466, Longitude: 113.6253, AttachmentUrls: ["https://example.org/a.jpg"]);

    private static DepartmentNotice Notice(long sequence) => new("ZZ-CASE-1", sequence, DepartmentNoticeKind.Replied, At.AddHours(sequence),
        At, CaseStatus.Replied, "water-outage", "jinshui", CasePriority.High, "replied", Counts: false, OnTime: false, WasOverdue: true,
        Satisfaction: Satisfaction.BasicallySatisfied);

    private static CaseState Claimed()
    {
        var state = Case();
        state.ClaimedBy = "zhao.lei";
        return state;
    }

    private static CaseState Case()
    {
        var agent = new Actor(ActorKind.Agent, "agent-7");
        var clerk = new Actor(ActorKind.Department, "clerk-1", "city-water");
        return new CaseState
        {
            Id = "ZZ-CASE-1",
            Intake = Intake(),
            Status = CaseStatus.Replied,
            DepartmentId = "city-water",
            RuleId = "water-by-site",
            RulesVersion = 4,
            Returns = 1,
            Reopens = 2,
            ArbitrationBinding = true,
            AssignedAt = At.AddMinutes(1),
            TakenByAgent = "agent-7",
            CreatedAt = At,
            UpdatedAt = At.AddHours(5),
            History =
            [
                new HistoryEntry(1, At, agent, CaseAction.Submit, CaseStatus.Received, CaseStatus.Received, null, "via hotline", null),
                new HistoryEntry(2, At.AddHours(5), clerk, CaseAction.Reply, CaseStatus.Acknowledged, CaseStatus.Replied, "city-water", "fixed", "clerk-1:k1"),
            ],
            AcknowledgeCounted = true,
            ReplyCounted = true,
            Outbox = [PendingNotice.For(NoticeTarget.Department("city-water"), Notice(2)), PendingNotice.For(NoticeTarget.Triage, Notice(3)), PendingNotice.For(NoticeTarget.PartnerLine("zhongmou-hotline"), Notice(4))],
            Deadlines = [new DeadlineState { Step = DeadlineStep.Reply, Start = At, Due = At.AddDays(3), Fired = 2, Done = true, Breached = true }],
            Overdue = true,
            SupervisionDue = At.AddDays(4),
            Escalated = true,
            LastSatisfaction = Satisfaction.Unsatisfied,
            Reporters = [new Reporter("ZZ-CASE-2", new CitizenContact("Wang", "13900139000"), "wechat", At.AddMinutes(9))],
            MergedInto = "ZZ-CASE-0",
            FirstContactEntry = "kb-water-1",
            PartnerLineId = "zhongmou-hotline",
        };
    }

    private static DepartmentLedger Ledger()
    {
        var ledger = new DepartmentLedger { Generation = 3 };
        ledger.Inbox["ZZ-CASE-1"] = new InboxEntry
        {
            Item = new InboxItem("ZZ-CASE-1", CaseStatus.Acknowledged, "water-outage", "jinshui", CasePriority.Urgent, At, At.AddHours(1)),
            LastSequence = 5,
        };
        ledger.Months["2026-11"] = new MonthCounters
        {
            Received = 1, Acknowledged = 2, Replied = 3, Resolved = 4, Returned = 5, Reopened = 6, Withdrawn = 7, AcknowledgedOnTime = 8,
            RepliedOnTime = 9, Overdue = 10, Supervised = 11, Escalated = 12, Satisfied = 13, BasicallySatisfied = 14, Unsatisfied = 15,
            FinishedOnTime = 16, FinishedLate = 17, OpenOverdue = 18,
        };
        ledger.Departed["ZZ-OLD-1"] = 9;
        ledger.DepartedOrder.Enqueue("ZZ-OLD-1");
        return ledger;
    }

    private static DepartmentJournal Journal() => new() { Generation = 2, Notices = [Notice(5), Notice(6)] };

    private static AgentState Agent() => new()
    {
        Status = AgentStatus.Available, SignedInAt = At, Day = "2026-11-30", RecentCases = ["ZZ-CASE-1", "ZZ-CASE-2"], CasesTotal = 40,
        HandlingSecondsToday = 125.5, TimedCallsToday = 3, HandlingSecondsTotal = 999.25, TimedCallsTotal = 30,
        SignedInEarlierToday = TimeSpan.FromMinutes(95), CasesTodayCount = 4,
    };

    private static RoutingTableState RoutingTable() => new()
    {
        Version = 4,
        Rules = [new RoutingRule("water-by-site", "water-outage", "jinshui", new() { ["siteManagedBy"] = "city-water" },
            new TimeWindow(new TimeOnly(22, 0), new TimeOnly(6, 0)), 3, "city-water", "site managed by the water company")],
        UpdatedAt = At,
        UpdatedBy = "Admin:admin-1",
        Audit = [new RuleChange(4, At, "Admin:admin-1", 1)],
    };

    private static RoutingTableState WithPendingAudit(RoutingTableState state)
    {
        state.PendingAudit.Add(new AuditChange(AuditKind.Rules, "Admin:admin-1", At, "1 rules (changed water-by-site)", 4));
        return state;
    }

    private static AuditLogState AuditLog()
    {
        var first = new AuditEntry(1, At, AuditKind.Rules, "seed", "seeded from the city file: 1 rules (added water-by-site)", 1, new string('b', 64));
        return new AuditLogState
        {
            Entries = [first, new AuditEntry(2, At.AddMinutes(5), AuditKind.Accounts, "configuration", "API keys: added ops (admin)", 1, new string('c', 64))],
            ApiKeys = new() { ["ops"] = "admin", ["water"] = "department@city-water" },
        };
    }

    private static RegistryState Registry() => new()
    {
        Version = 2,
        Lines =
        [
            new HotlineLine("zhongmou-hotline", "0371-62121234", "Zhongmou county hotline", LineKind.Partner, ["county-affairs"], ["zhongmou"]),
            new HotlineLine("flood-line", "0371-96000", "Flood line", LineKind.Temporary,
                Temporary: new TemporaryTerms("mayor's office", "ZZ-2026-17", new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30))),
        ],
        Audit = [new RegistryChange(2, At, "Admin:admin-1", "register", "flood-line", "approved")],
    };

    private static KnowledgeState Knowledge() => new()
    {
        Version = 3,
        Entries = [new KnowledgeEntry("kb-water-1", "water-outage", "Planned outages", "See the water company's notices.", ["outage", "停水"])],
        UpdatedAt = At,
        UpdatedBy = "Admin:admin-1",
    };

    private static NotificationQueueState NotificationQueue() => new()
    {
        Pending =
        [
            new QueuedNotification
            {
                Notification = new CitizenNotification("ZZ-CASE-1:4:sms", "ZZ-CASE-1", CitizenMessageKind.Replied, NotificationChannel.Sms, "13800138000", "en",
                    "case-replied", new() { ["caseId"] = "ZZ-CASE-1", ["note"] = "fixed" }, "A reply to your request", "12345: replied", At),
                FailedAttempts = 2,
                NextAttemptAt = At.AddMinutes(1),
                LastError = "HttpRequestException",
            },
        ],
        Recent = ["ZZ-CASE-0:1:email"],
        Delivered = 7,
        Rejected = 1,
        GivenUp = 2,
        FailedAttempts = 9,
    };
}
