using Dispatcher.Abstractions.Notifications;

namespace Dispatcher.Domain.Cases.Outbox;

/// <summary>Who a case's outbox notice is for.</summary>
public enum NoticeTargetKind { Department, Triage, PartnerLine, Discipline, Citizen, Precedent }

/// <summary>
/// The receiver of an outbox notice: a department, a partner hotline, the routing table or the
/// citizen (a message of a <see cref="CitizenMessageKind"/>).
/// Triage and discipline are read only: releases before ADR-039 and ADR-040 kept a triage queue grain
/// and a discipline queue grain and wrote notices for them, which may still wait in a stored outbox;
/// today both lists are searches of the case index, so those notices deliver nothing.
/// Stored as text (<see cref="Stored"/>) in the format every release has written — a department id,
/// "#triage", "#partner:&lt;line&gt;", "#discipline", and since ADR-026 "#citizen:&lt;kind&gt;" and "#precedent" — so
/// cases stored before this type existed still deliver; that text is read and written only here.
/// </summary>
public readonly record struct NoticeTarget
{
    private const string TriageText = "#triage";
    private const string DisciplineText = "#discipline";
    private const string PartnerPrefix = "#partner:";
    private const string CitizenPrefix = "#citizen:";
    private const string PrecedentText = "#precedent";

    private NoticeTarget(NoticeTargetKind kind, string id)
    {
        Kind = kind;
        Id = id;
    }

    public NoticeTargetKind Kind { get; }

    /// <summary>The department id or partner line id; empty for the two queues.</summary>
    public string Id { get; }

    /// <summary>The triage queue grain of releases before ADR-039: read from stored outboxes, never written.</summary>
    public static NoticeTarget Triage { get; } = new(NoticeTargetKind.Triage, "");
    /// <summary>The discipline queue grain of releases before ADR-040: read from stored outboxes, never written.</summary>
    public static NoticeTarget Discipline { get; } = new(NoticeTargetKind.Discipline, "");

    /// <summary>The routing table, which records an arbitration ruling as a rule.</summary>
    public static NoticeTarget Precedent { get; } = new(NoticeTargetKind.Precedent, "");

    public static NoticeTarget Department(string departmentId) =>
        !string.IsNullOrEmpty(departmentId) && departmentId[0] != '#'
            ? new(NoticeTargetKind.Department, departmentId)
            : throw new ArgumentException($"'{departmentId}' is not a department id.", nameof(departmentId));

    public static NoticeTarget PartnerLine(string lineId) =>
        !string.IsNullOrEmpty(lineId) ? new(NoticeTargetKind.PartnerLine, lineId) : throw new ArgumentException("A partner line id is required.", nameof(lineId));

    public static NoticeTarget Citizen(CitizenMessageKind message) => new(NoticeTargetKind.Citizen, message.ToString().ToLowerInvariant());

    /// <summary>The message of a citizen target; null for every other target.</summary>
    public CitizenMessageKind? CitizenMessage => Kind == NoticeTargetKind.Citizen ? Enum.Parse<CitizenMessageKind>(Id, ignoreCase: true) : null;

    public string Stored => Kind switch
    {
        NoticeTargetKind.Triage => TriageText,
        NoticeTargetKind.Discipline => DisciplineText,
        NoticeTargetKind.Precedent => PrecedentText,
        NoticeTargetKind.PartnerLine => PartnerPrefix + Id,
        NoticeTargetKind.Citizen => CitizenPrefix + Id,
        _ => Id,
    };

    public static NoticeTarget FromStored(string stored) => stored switch
    {
        TriageText => Triage,
        DisciplineText => Discipline,
        PrecedentText => Precedent,
        _ when stored.StartsWith(PartnerPrefix, StringComparison.Ordinal) => PartnerLine(stored[PartnerPrefix.Length..]),
        _ when stored.StartsWith(CitizenPrefix, StringComparison.Ordinal) && Enum.TryParse<CitizenMessageKind>(stored[CitizenPrefix.Length..], true, out var m) => Citizen(m),
        _ => Department(stored),
    };

    public override string ToString() => Stored;
}
