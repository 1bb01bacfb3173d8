namespace Dispatcher.Storage.Ports;

/// <summary>
/// Who keeps a case's index row current: the case grain after each state write (memory mode), or
/// the case storage in the same transaction as the state (PostgreSQL mode, ADR-029), in which case
/// the grain sends a row only to re-assert it (activation, reconcile, a wake with nothing due).
/// </summary>
/// <param name="WithState">True when the grain storage writes the row with the case's state.</param>
public sealed record CaseIndexWriting(bool WithState);
