namespace Dispatcher.Abstractions.Cases;

/// <summary>
/// The one way to take a case under an id derived from an idempotency key, for every caller (HTTP,
/// Open311, the cluster client). Nearly every keyed intake is a first try, so the case grain starts
/// without reading storage, as for a fresh random number (ADR-036). A retry of an intake that was
/// stored is found by its refused first write (or, before it reaches another case, by a read), and
/// the grain answers it with the stored case, as before.
/// </summary>
public static class KeyedIntake
{
    public static Task<CaseReceipt> Submit(ICaseGrain caseGrain, SubmitCase command) =>
        caseGrain.Submit(command with { FreshId = true, FromKey = true });
}
