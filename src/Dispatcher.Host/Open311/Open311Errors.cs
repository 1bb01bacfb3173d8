using System.Globalization;
using Dispatcher.Abstractions.Errors;

namespace Dispatcher.Host.Open311;

/// <summary>
/// Every refusal of an Open311 route in the spec's shape (<c>errors/error</c> with <c>code</c> and
/// <c>description</c>): 404 unknown request, service, token or jurisdiction; 403 missing or bad
/// api_key; 400 anything else, one error per field. What is not a refusal (storage down) goes on to
/// the host's handler.
/// </summary>
public static class Open311Errors
{
    /// <summary>Endpoint filter for the Open311 group: answers a refusal in the request's format.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (Translate(exception) is { } refusal)
        {
            if (exception is OverloadedException busy)
                context.HttpContext.Response.Headers.RetryAfter = busy.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Result(refusal, Open311Formats.Of(context.HttpContext));
        }
    }

    public static Open311Result Result(Open311Exception refusal, Open311Format format)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return new(Document(refusal.Errors), format, refusal.Status);
    }

    public static Open311Document Document(IEnumerable<Open311Error> errors) =>
        new("errors", new Open311List("error", errors.Select(e => (Open311Value)Open311Object.Of(
            ("code", new Open311Number(e.Code)), ("description", e.Description))).ToArray()));

    /// <summary>Our errors in Open311's terms; null for what is not a refusal of the request.</summary>
    public static Open311Exception? Translate(Exception exception) => exception switch
    {
        Open311Exception own => own,
        ValidationException invalid => new(StatusCodes.Status400BadRequest, invalid.Errors
            .Select(e => new Open311Error(StatusCodes.Status400BadRequest, $"{Open311Fields.ArgumentFor(e.Key)}: {string.Join(" ", e.Value)}")).ToArray()),
        CaseNotFoundException => new(StatusCodes.Status404NotFound, "No service request has this service_request_id."),
        NotFoundException missing => new(StatusCodes.Status404NotFound, missing.Message),
        ForbiddenActionException forbidden => new(StatusCodes.Status403Forbidden, forbidden.Message),
        OverloadedException busy => new(StatusCodes.Status503ServiceUnavailable, busy.Message),
        BadHttpRequestException bad => new(bad.StatusCode, bad.Message),
        InvalidDataException malformed => new(StatusCodes.Status400BadRequest, $"The form could not be read: {malformed.Message}"),
        _ => null,
    };
}
