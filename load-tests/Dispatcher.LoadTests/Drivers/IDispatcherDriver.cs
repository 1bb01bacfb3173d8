using Dispatcher.Abstractions.Cases;

namespace Dispatcher.LoadTests.Drivers;

/// <summary>How the load reaches the dispatcher: the grain client of the host, or HTTP on loopback.</summary>
public interface IDispatcherDriver
{
    string Name { get; }
    /// <summary>
    /// The case id the next submit with this idempotency key will address, when the driver can know
    /// it (grain client: the random number it will use; HTTP against the in-process host: the HMAC of
    /// the key) — so an intake that failed on the client side can be looked up in the silo afterwards.
    /// </summary>
    string? PlanId(string idempotencyKey, bool firstContact);
    /// <param name="firstContactEntry">A knowledge entry: the call-taker answers and closes the consultation at once.</param>
    ValueTask<IntakeResult> Submit(CaseIntake intake, string idempotencyKey, string? plannedId, string? firstContactEntry, CancellationToken ct);
    ValueTask Acknowledge(string caseId, string departmentId, CancellationToken ct);
    ValueTask Reply(string caseId, string departmentId, string text, CancellationToken ct);
    ValueTask Resolve(string caseId, string departmentId, string text, CancellationToken ct);
    ValueTask Return(string caseId, string departmentId, string reason, CancellationToken ct);
    ValueTask Dispatch(string caseId, string departmentId, string reason, CancellationToken ct);
    /// <summary>True when the case exists.</summary>
    ValueTask<bool> Exists(string caseId, CancellationToken ct);
}
