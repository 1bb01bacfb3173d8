using Dispatcher.Abstractions.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Orleans.Storage;

namespace Dispatcher.Host.Hosting;

/// <summary>Turns every error into RFC 7807 problem details; unexpected ones say nothing internal.</summary>
public sealed class DomainExceptionHandler(ILogger<DomainExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            ValidationException v => Results.ValidationProblem(v.Errors, title: "The request is not valid", detail: "Nothing was stored."),
            IllegalTransitionException t => Results.Problem(statusCode: 409, title: "Not allowed in the current state", detail: t.Message,
                extensions: new Dictionary<string, object?> { ["caseId"] = t.CaseId, ["currentStatus"] = Camel(t.Current.ToString()), ["action"] = Camel(t.Action.ToString()) }),
            CaseNotFoundException n => Results.Problem(statusCode: 404, title: "Case not found", detail: n.Message),
            NotFoundException n => Results.Problem(statusCode: 404, title: "Not found", detail: n.Message),
            ForbiddenActionException f => Results.Problem(statusCode: 403, title: "Forbidden", detail: f.Message),
            ConflictException c => Results.Problem(statusCode: 409, title: "Conflict", detail: c.Message),
            OverloadedException o => Overloaded(http, o),
            BadHttpRequestException b => Results.Problem(statusCode: b.StatusCode, title: ReasonPhrases.GetReasonPhrase(b.StatusCode), detail: b.Message),
            _ when IsUnavailable(exception) => Unavailable(exception),
            _ => null,
        };
        if (result is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            result = Results.Problem(statusCode: 500, title: "Internal error", detail: "The error was logged.");
        }
        await result.ExecuteAsync(http);
        return true;
    }

    private static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    private static IResult Overloaded(HttpContext http, OverloadedException o)
    {
        http.Response.Headers.RetryAfter = o.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: 503, title: "Busy: too many intakes in progress", detail: o.Message,
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = o.RetryAfterSeconds });
    }

    private IResult Unavailable(Exception exception)
    {
        logger.LogWarning("Service unavailable: {Error}", exception.GetBaseException().Message);
        return Results.Problem(statusCode: 503, title: "Temporarily unavailable",
            detail: "The dispatcher cannot reach its storage or cluster right now. Nothing was lost; retry with the same Idempotency-Key.");
    }

    /// <summary>Storage or cluster trouble that a retry can fix (database down, silo lost, timeouts).</summary>
    private static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException
                or System.Net.Sockets.SocketException or System.Data.Common.DbException)
                return true;
            if (e is InconsistentStateException) return true;
            if (e is OrleansException && e.Message.Contains("storage", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
