using Orleans.Storage;

namespace Dispatcher.Abstractions.Cases;

/// <summary>
/// The one way to take a case without an idempotency key, for every caller (HTTP, Open311, the
/// cluster client): a new random tracking number, marked fresh so the case grain does not read a
/// row that cannot exist (ADR-033).
/// </summary>
public static class FreshIntake
{
    // 60 random bits make a collision unthinkable; a few draws bound the loop should storage ever
    // refuse fresh writes for another reason.
    private const int Draws = 3;

    public static async Task<CaseReceipt> Submit(Func<string, ICaseGrain> caseGrain, TrackingNumbers numbers, SubmitCase command)
    {
        var fresh = command with { FreshId = true };
        for (var draw = 1; ; draw++)
        {
            try
            {
                return await caseGrain(numbers.NewRandom()).Submit(fresh);
            }
            catch (InconsistentStateException) when (draw < Draws)
            {
                // The number belonged to a stored case: its row refused the first write, nothing was
                // overwritten, and the intake is taken under another number.
            }
        }
    }
}
