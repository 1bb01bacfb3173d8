using Dispatcher.Abstractions.Cases;
using Dispatcher.Abstractions.Errors;
using Dispatcher.Domain.City;
using Microsoft.Extensions.Options;

namespace Dispatcher.Host.Hosting;

/// <summary>
/// Admission control for intake (ADR-010). Above what storage can take, requests would otherwise
/// queue for pooled database connections until Npgsql's timeout, and every request — old and new —
/// would then fail slowly. Counting the intakes this process has in progress and refusing the ones
/// beyond <see cref="DispatcherHostOptions.MaxIntakesInFlight"/> at once (nothing stored, 503 with
/// Retry-After) keeps the accepted ones fast and the silo healthy. It is an outgoing filter so that
/// it sees every intake started in this process — HTTP endpoints and co-hosted grain clients alike —
/// before the case grain is activated (activation already reads storage).
/// An emergency (gas leak, fire, a person in danger) is never refused: it is handed to 110 / 119 / 120
/// at intake, ahead of all other work, and counts toward the limit like any other intake.
/// </summary>
public sealed class IntakeAdmissionFilter(IOptions<DispatcherHostOptions> options, CityDirectory city, ILogger<IntakeAdmissionFilter> logger) : IOutgoingGrainCallFilter
{
    private const int RetryAfterSeconds = 2;
    private readonly int _limit = options.Value.MaxIntakesInFlight;
    private int _inFlight;
    private long _refused;

    /// <summary>Every outgoing call passes here: all but intakes go straight on, without a state machine of their own.</summary>
    public Task Invoke(IOutgoingGrainCallContext context) =>
        context.Request.GetInterfaceType() == typeof(ICaseGrain) && context.Request.GetMethodName() == nameof(ICaseGrain.Submit)
            ? Admit(context)
            : context.Invoke();

    private async Task Admit(IOutgoingGrainCallContext context)
    {
        if (Interlocked.Increment(ref _inFlight) > _limit && !IsEmergency(context))
        {
            Interlocked.Decrement(ref _inFlight);
            // Log the first refusal and then every thousandth, not each one: a surge must not flood the log.
            if (Interlocked.Increment(ref _refused) is var refused && refused % 1000 == 1)
                logger.LogWarning("Intake refused: {Limit} intakes already in progress on this silo ({Refused} refused so far)", _limit, refused);
            throw new OverloadedException($"The dispatcher is taking {_limit} intakes right now; nothing was stored. Retry in {RetryAfterSeconds} s with the same Idempotency-Key.", RetryAfterSeconds);
        }
        try
        {
            await context.Invoke();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private bool IsEmergency(IOutgoingGrainCallContext context) =>
        context.Request.GetArgument(0) is SubmitCase { Intake: { } intake } && city.IsEmergency(intake.Category);
}
