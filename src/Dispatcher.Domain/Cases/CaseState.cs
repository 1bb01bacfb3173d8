using Dispatcher.Abstractions.Cases;
using Dispatcher.Domain.Cases.Outbox;

namespace Dispatcher.Domain.Cases;

/// <summary>The persisted state of one case grain. Plain data; <see cref="CaseWorkflow"/> changes it.</summary>
[GenerateSerializer, Alias("dispatcher.case-state")]
public sealed class CaseState
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public CaseIntake? Intake { get; set; }
    [Id(2)] public CaseStatus Status { get; set; }
    [Id(3)] public string? DepartmentId { get; set; }
    [Id(4)] public string? RuleId { get; set; }
    [Id(5)] public long RulesVersion { get; set; }
    [Id(6)] public int Returns { get; set; }
    [Id(7)] public int Reopens { get; set; }
    [Id(8)] public bool ArbitrationBinding { get; set; }
    /// <summary>When the current department got the case: its counters' cohort month.</summary>
    [Id(9)] public DateTimeOffset AssignedAt { get; set; }
    [Id(10)] public string? TakenByAgent { get; set; }
    [Id(11)] public DateTimeOffset CreatedAt { get; set; }
    [Id(12)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(13)] public List<HistoryEntry> History { get; set; } = [];
    /// <summary>Steps already counted for the current assignment, so repeats after a reopen don't count twice.</summary>
    [Id(14)] public bool AcknowledgeCounted;
    [Id(15)] public bool ReplyCounted;
    /// <summary>
    /// Notices written together with the transition and not yet confirmed delivered (the outbox):
    /// if the silo dies between the state write and the department call, the next activation
    /// delivers them; departments ignore a (case, sequence) they have already applied.
    /// </summary>
    [Id(16)] public List<PendingNotice> Outbox { get; set; } = [];
    /// <summary>The running deadlines of the current cycle (from the last dispatch or reopen).</summary>
    [Id(17)] public List<DeadlineState> Deadlines { get; set; } = [];
    /// <summary>A deadline of the current cycle was breached.</summary>
    [Id(18)] public bool Overdue { get; set; }
    /// <summary>When the open supervision ends; null when none is open.</summary>
    [Id(19)] public DateTimeOffset? SupervisionDue { get; set; }
    [Id(20)] public bool Escalated { get; set; }
    [Id(21)] public Satisfaction? LastSatisfaction { get; set; }
    /// <summary>Further reporters of the same incident (并单), all to be called back.</summary>
    [Id(22)] public List<Reporter> Reporters { get; set; } = [];
    /// <summary>Set on a merged report: the open case it joined.</summary>
    [Id(23)] public string? MergedInto { get; set; }
    /// <summary>The knowledge-base entry that answered a consultation at first contact.</summary>
    [Id(24)] public string? FirstContactEntry { get; set; }
    /// <summary>The partner hotline the case was transferred to.</summary>
    [Id(25)] public string? PartnerLineId { get; set; }
    /// <summary>The clerk of the department who handles the case (claimed, or assigned by the head); cleared when the case changes department.</summary>
    [Id(26)] public string? ClaimedBy { get; set; }
    /// <summary>The co-departments of a joint case and their parts (ADR-027); empty for a case with one department.</summary>
    [Id(27)] public List<CoPart> CoParts { get; set; } = [];

    public bool Exists => Intake is not null;
    public long LastSequence => History.Count == 0 ? 0 : History[^1].Sequence;

    public CaseView ToView() => new(Id, Status, Intake!, DepartmentId, RuleId, Returns, Reopens, ArbitrationBinding,
        TakenByAgent, CreatedAt, UpdatedAt, History.ToArray(), DeadlineViews(), Overdue, SupervisionDue, Escalated, LastSatisfaction,
        Reporters.ToArray(), MergedInto, FirstContactEntry, ClaimedBy, CoParts.Select(p => p.ToView()).ToArray());

    /// <summary>Open cases take further reporters; finished, merged or first-contact ones do not.</summary>
    public bool TakesReporters => Exists && Status is not (CaseStatus.Resolved or CaseStatus.Closed or CaseStatus.ClosedAtFirstContact or CaseStatus.Merged);

    public DeadlineView[] DeadlineViews() => Deadlines.Select(d => new DeadlineView(d.Step, d.Start, d.Due, d.Done, d.Breached)).ToArray();

    /// <summary>The earliest deadline still running, for the case index.</summary>
    public DateTimeOffset? NextDeadline
    {
        get
        {
            // Read for every index row a write stores: a loop, not a LINQ chain.
            DateTimeOffset? next = null;
            foreach (var d in Deadlines)
                if (!d.Done && (next is null || d.Due < next)) next = d.Due;
            return next;
        }
    }

    /// <summary>The co-department's part; null when the department is not a co-department of this case.</summary>
    public CoPart? CoPartOf(string? departmentId) => CoParts.Find(p => p.DepartmentId == departmentId);

    /// <summary>The public view (R6): the public steps of the history (<see cref="PublicHistory"/>), texts of replies and resolutions only.</summary>
    public PublicCaseStatus ToPublic() => new(Id, Status, Intake!.Category, DepartmentId, CreatedAt, UpdatedAt, DeadlineViews(),
        PublicHistory.Of(History).Select(h => new PublicNote(h.At, h.Action, PublicHistory.PublicText(h))).ToArray(),
        MergedInto, Reporters.Count + 1);

    /// <summary>The citizen who reported it, or any further reporter, identified by their phone's last four digits.</summary>
    public bool HasReporterPhoneEndingIn(string lastFour) =>
        lastFour is { Length: 4 } && new[] { Intake?.Citizen.Phone }.Concat(Reporters.Select(r => r.Citizen.Phone))
            .Any(p => p is { Length: >= 4 } && p.EndsWith(lastFour, StringComparison.Ordinal));
}
