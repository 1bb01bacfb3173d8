namespace Dispatcher.Host.Open311;

/// <summary>An Open311 answer in the requested format with its status code.</summary>
public sealed class Open311Result(Open311Document document, Open311Format format, int statusCode = StatusCodes.Status200OK) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // Written to memory first: a writer never fails halfway through a response that has started.
        using var body = new MemoryStream();
        if (format == Open311Format.Json) Open311JsonWriter.Write(body, document);
        else Open311XmlWriter.Write(body, document);
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = Open311Formats.ContentType(format);
        httpContext.Response.ContentLength = body.Length;
        body.Position = 0;
        await body.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted);
    }
}
