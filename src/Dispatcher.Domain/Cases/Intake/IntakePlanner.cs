using Dispatcher.Abstractions;
using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Abstractions.Hotlines;
using Dispatcher.Abstractions.Surges;
using Dispatcher.Domain.City;

namespace Dispatcher.Domain.Cases.Intake;

/// <summary>
/// The one intake decision (R1, R2, R9, 并单). Every way in — HTTP, Open311, the console, the grain
/// client — reaches it through the case grain: it validates the intake once, decides who may take
/// it and how, and picks the path in a fixed order: answer at first contact → check the origin line
/// → transfer to a partner line → join an open surge incident → join an open incident → route (or triage). Plain code: the grain
/// looks up what <see cref="LookupsFor"/> names and performs the I/O the plan asks for.
/// </summary>
/// <param name="city">Categories, districts and partner lines the intake is checked against.</param>
/// <param name="mergeDuplicates">Whether further reports of an open incident join it (Dispatcher:Duplicates:Enabled).</param>
public sealed class IntakePlanner(CityDirectory city, bool mergeDuplicates)
{
    /// <summary>Who may take a case: channels, call-takers, admins and partner hotlines handing one in.</summary>
    private static readonly ActorKind[] Submitters = [ActorKind.Channel, ActorKind.Agent, ActorKind.Admin, ActorKind.Partner];

    /// <summary>A call longer than this was not timed from its pick-up (a stale or wrong clock): no handling time.</summary>
    private static readonly TimeSpan LongestCall = TimeSpan.FromDays(1);

    public CityDirectory City => city;

    /// <summary>What must be looked up before <see cref="Plan"/> can decide this command.</summary>
    public static IntakeLookups LookupsFor(SubmitCase command) =>
        new(OriginLineOf(command) is { Length: > 0 } line ? line : null,
            command.FirstContact?.EntryId is { Length: > 0 } entry ? entry : null);

    /// <summary>
    /// Validates the command and decides its path. Throws <see cref="ForbiddenActionException"/> when
    /// the caller may not do this and <see cref="ValidationException"/> (field by field) when the
    /// intake is wrong; nothing is stored then.
    /// </summary>
    public IntakePlan Plan(SubmitCase command, IntakeFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!Submitters.Contains(command.Actor.Kind))
            throw new ForbiddenActionException($"A {command.Actor.Kind} may not submit cases.");

        var errors = IntakeValidator.Validate(command.Intake, city);
        if (command.FirstContact is { } answer && string.IsNullOrWhiteSpace(answer.EntryId))
            errors["firstContact.entryId"] = ["Required."];
        if (command.FirstContact is not null && command.Intake is { } emergency && city.IsEmergency(emergency.Category))
            errors["firstContact"] = [$"'{emergency.Category}' is an emergency: it is handed to {city.PartnerFor(emergency.Category, emergency.District, null)?.Number} at once, never answered at first contact."];
        if (errors.Count > 0) throw new ValidationException(errors);

        var accepted = new AcceptedIntake(command.Actor, Normalise(command), command.CallStartedAt);
        if (command.FirstContact is { } firstContact)
        {
            if (command.Actor.Kind != ActorKind.Agent)
                throw new ForbiddenActionException("Only a call-taker closes a consultation at first contact.");
            var entry = facts.Answer ?? throw ValidationException.For("firstContact.entryId", $"No knowledge entry '{firstContact.EntryId}'.");
            CheckOriginLine(command.Actor, accepted.Intake.OriginLine, facts.OriginLine, now);
            return new IntakePlan(accepted, new IntakePath.AnswerAtFirstContact(entry, firstContact.Note));
        }

        var intake = accepted.Intake;
        CheckOriginLine(command.Actor, intake.OriginLine, facts.OriginLine, now);
        return new IntakePlan(accepted, PathFor(intake.Category, intake.District, intake.OriginLine, facts.Surge));
    }

    /// <summary>
    /// Where a valid case of this category and district goes after the first-contact check: transfer
    /// to a partner line → join the pair's open surge incident (never an emergency) → join an open
    /// incident → route. The intake and the console's routing preview (which stores nothing) both ask this.
    /// </summary>
    public IntakePath PathFor(string category, string district, string? originLine, SurgeNotice? openSurge = null)
    {
        if (city.PartnerFor(category, district, originLine) is { } partner) return new IntakePath.TransferToPartner(partner);
        if (openSurge is not null && openSurge.Category == category && openSurge.District == district && !city.IsEmergency(category))
            return new IntakePath.JoinSurge(openSurge);
        return mergeDuplicates ? new IntakePath.JoinIncidentOrRoute(IncidentKey(category, district)) : new IntakePath.Route();
    }

    /// <summary>
    /// Handling time (agent figures): from the moment the call was picked up to the intake; none when
    /// the pick-up is missing, after the intake, or more than a day before it.
    /// </summary>
    public static TimeSpan? HandlingTime(DateTimeOffset? callStartedAt, DateTimeOffset takenAt) =>
        callStartedAt is { } started && started <= takenAt && takenAt - started < LongestCall ? takenAt - started : null;

    /// <summary>
    /// The pair whose surge counter this intake counts and whose open surge incident it may join:
    /// a case of a known category and district, not an emergency and not a consultation answered at
    /// first contact; null otherwise (nothing is counted or looked up).
    /// </summary>
    public string? SurgeKeyFor(SubmitCase command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.FirstContact is not null || command.Intake is not { } intake) return null;
        if (string.IsNullOrEmpty(intake.Category) || string.IsNullOrEmpty(intake.District)) return null;
        if (city.FindCategory(intake.Category) is null || city.FindDistrict(intake.District) is null || city.IsEmergency(intake.Category)) return null;
        return IncidentKey(intake.Category, intake.District);
    }

    /// <summary>Reports of one category in one district are candidates for the same incident (并单).</summary>
    public static string IncidentKey(string category, string district) => $"{category}|{district}";

    /// <summary>A partner hotline handing a case in: its own line is the origin, whatever the body says (R9).</summary>
    private static string? OriginLineOf(SubmitCase command) =>
        command.Actor.Kind == ActorKind.Partner ? command.Actor.Id : command.Intake?.OriginLine;

    /// <summary>An emergency is urgent whatever the caller said: the lane ahead of all other work.</summary>
    private CaseIntake Normalise(SubmitCase command) => command.Intake with
    {
        Priority = city.IsEmergency(command.Intake.Category) ? CasePriority.Urgent : command.Intake.Priority,
        OriginLine = OriginLineOf(command) is { Length: > 0 } line ? line : null,
        Attributes = command.Intake.Attributes ?? [],
        Citizen = command.Intake.Citizen ?? new CitizenContact(null, null),
    };

    /// <summary>
    /// R9: a case that came in through a line keeps it as its origin; the line must exist, a partner
    /// line is the origin only of what that partner hands in (a channel naming it would keep the
    /// case from being transferred to it), and a temporary line takes cases only between its
    /// approved dates — before and after, the caller is sent to 12345.
    /// </summary>
    private void CheckOriginLine(Actor actor, string? lineId, HotlineLine? line, DateTimeOffset now)
    {
        if (lineId is null) return;
        if (line is null || line.Id != lineId) throw ValidationException.For("originLine", $"Unknown line '{lineId}'.");
        if (line.Kind == LineKind.Partner && !(actor.Kind == ActorKind.Partner && actor.Id == line.Id))
            throw ValidationException.For("originLine", $"{line.Name} ({line.Number}) is a partner line: only that line hands its own cases in.");
        if (line.Temporary is not { } terms) return;
        var today = DateOnly.FromDateTime(now.ToOffset(city.UtcOffset).DateTime);
        if (today > terms.End)
            throw ValidationException.For("originLine", $"The temporary line {line.Number} ({line.Name}) closed on {terms.End:yyyy-MM-dd}; please call 12345.");
        if (today < terms.Start)
            throw ValidationException.For("originLine", $"The temporary line {line.Number} ({line.Name}) opens on {terms.Start:yyyy-MM-dd}; until then please call 12345.");
    }
}
