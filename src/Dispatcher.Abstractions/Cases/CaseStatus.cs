namespace Dispatcher.Abstractions.Cases;

/// <summary>Lifecycle states of a case (R4).</summary>
[GenerateSerializer, Alias("dispatcher.case-status")]
public enum CaseStatus
{
    Received,
    Triage,
    Dispatched,
    Acknowledged,
    InProgress,
    Replied,
    Resolved,
    Closed,
    Returned,
    Arbitration,
    Reopened,
    /// <summary>A consultation answered from the knowledge base at intake (首问解答): never dispatched.</summary>
    ClosedAtFirstContact,
    /// <summary>A further report of an open case (并单): linked to it, not dispatched again.</summary>
    Merged,
    /// <summary>Handed over to an interconnected partner hotline (互联互通), waiting for its outcome.</summary>
    TransferredOut,
}

/// <summary>Everything that can happen to a case; each becomes one history entry.</summary>
[GenerateSerializer, Alias("dispatcher.case-action")]
public enum CaseAction
{
    Submit,
    Route,
    Triage,
    Dispatch,
    Acknowledge,
    Start,
    Reply,
    Resolve,
    Return,
    Arbitrate,
    Close,
    Reopen,
    /// <summary>A share (50 %, 75 %, 90 %) of a step's time is used up.</summary>
    Warn,
    /// <summary>A step's deadline passed (breach).</summary>
    Overdue,
    /// <summary>Supervision (督办) opened for the department's supervisors.</summary>
    Supervise,
    /// <summary>Still overdue after supervision: referred to discipline inspection (纪检监察).</summary>
    Escalate,
    /// <summary>The citizen was called back (回访) and gave their satisfaction.</summary>
    Callback,
    /// <summary>Answered at first contact with a knowledge-base entry.</summary>
    AnswerAtFirstContact,
    /// <summary>Joined to an open case as another reporter (on both cases' histories).</summary>
    Merge,
    /// <summary>Transferred to a partner hotline that owns the category or area.</summary>
    TransferOut,
    /// <summary>The partner hotline reported its outcome (resolved → closed, returned → back to the centre).</summary>
    PartnerOutcome,
    /// <summary>A clerk takes the case, or the department's head gives it to a clerk (the note names the clerk).</summary>
    Claim,
    /// <summary>Co-departments assigned or changed on a joint case (the entry's department is empty, the note lists them; ADR-027).</summary>
    CoAssign,
    /// <summary>A co-department acknowledged its part (the entry's department is the co-department).</summary>
    CoAcknowledge,
    /// <summary>A co-department replied its part.</summary>
    CoReply,
    /// <summary>A co-department was released from its part, with its reason.</summary>
    CoRelease,
    /// <summary>The lead resolved the joint case: the open co-parts are closed (and the reason, when one had not replied).</summary>
    CoClose,
}

/// <summary>The steps that carry a deadline, all counted from dispatch.</summary>
[GenerateSerializer, Alias("dispatcher.deadline-step")]
public enum DeadlineStep { Acknowledge, Reply, Resolve }

/// <summary>The citizen's answer at the callback (满意 / 基本满意 / 不满意).</summary>
[GenerateSerializer, Alias("dispatcher.satisfaction")]
public enum Satisfaction { Satisfied, BasicallySatisfied, Unsatisfied }

[GenerateSerializer, Alias("dispatcher.priority")]
public enum CasePriority { Normal, High, Urgent }
