using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Abstractions.Knowledge;
using Dispatcher.Abstractions.Surges;

namespace Dispatcher.Domain.Cases.Intake;

/// <summary>The intake's path, decided once by <see cref="IntakePlanner"/>; the case grain performs the I/O it names.</summary>
public abstract record IntakePath
{
    private IntakePath() { }

    /// <summary>A consultation answered from the knowledge base by the call-taker (R2): closed at once, never dispatched.</summary>
    public sealed record AnswerAtFirstContact(KnowledgeEntry Entry, string? Note) : IntakePath;

    /// <summary>The category or area belongs to a partner hotline (R9, 互联互通): handed over to it.</summary>
    public sealed record TransferToPartner(HotlineLine Line) : IntakePath;

    /// <summary>
    /// Surge mode: a surge incident of this category and district is open, so the report joins its
    /// lead case as a further reporter (并单), or becomes the lead and routes when the incident has
    /// none that takes reporters. The intake's answer carries the incident's notice and script.
    /// </summary>
    public sealed record JoinSurge(SurgeNotice Surge) : IntakePath;

    /// <summary>
    /// Join an open case of the same incident as a further reporter (并单) if one takes it; otherwise
    /// route. The key names the incident grain that knows this category's open cases in this district.
    /// </summary>
    public sealed record JoinIncidentOrRoute(string IncidentKey) : IntakePath;

    /// <summary>Route by the jurisdiction rules; triage when no rule matches.</summary>
    public sealed record Route : IntakePath;
}

/// <summary>The accepted intake and the path it takes.</summary>
public sealed record IntakePlan(AcceptedIntake Accepted, IntakePath Path);
