using System.Buffers;
using System.Text;
using Dispatcher.Host.Endpoints;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Dispatcher.Host.Open311;

/// <summary>
/// Reads a create request's arguments from <c>application/x-www-form-urlencoded</c> or
/// <c>multipart/form-data</c>, never more than <see cref="JsonBody.MaxBytes"/> of them, whether or
/// not the client sent a Content-Length (413 past it). An attached file is refused with a 400 naming
/// <c>media</c> as soon as its part begins — its bytes are never read: photos travel as <c>media_url</c>.
/// </summary>
public static class Open311Form
{
    public const string MediaRefusal =
        "media: attached files are not accepted. Put the photo where it can be fetched and send its address as media_url.";

    private const int MaxArguments = 200;

    public static async Task<IReadOnlyDictionary<string, StringValues>> Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > JsonBody.MaxBytes && !IsMultipart(request.ContentType)) throw JsonBody.TooLarge();
        if (IsMultipart(request.ContentType))
        {
            try
            {
                return await ReadMultipart(request);
            }
            catch (IOException malformed) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
            {
                // A body that ends before its closing boundary: the client's mistake, not ours.
                throw Open311Exception.BadArgument("form", $"The multipart body could not be read: {malformed.Message}");
            }
        }
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ?? false)
            return await ReadUrlEncoded(request);
        throw Open311Exception.BadArgument("Content-Type", "Send application/x-www-form-urlencoded or multipart/form-data.");
    }

    private static bool IsMultipart(string? contentType) => contentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) ?? false;

    private static async Task<IReadOnlyDictionary<string, StringValues>> ReadUrlEncoded(HttpRequest request)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = JsonBody.MaxBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(JsonBody.MaxBytes + 1);
        try
        {
            var length = await JsonBody.ReadBounded(request.Body, buffer, request.HttpContext.RequestAborted);
            using var body = new MemoryStream(buffer, 0, length, writable: false);
            using var reader = new FormReader(body, Encoding.UTF8) { ValueCountLimit = MaxArguments };
            return await reader.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Part by part: text parts are added up against the limit; a file part ends the reading at once.
    /// The server's own limit stays (a photo's Content-Length must not turn the clear media 400 into a bare 413).
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, StringValues>> ReadMultipart(HttpRequest request)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? HeaderUtilities.RemoveQuotes(type.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary)) throw Open311Exception.BadArgument("Content-Type", "multipart/form-data needs a boundary.");
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = JsonBody.MaxBytes, HeadersLengthLimit = 8 * 1024 };
        var arguments = new KeyValueAccumulator();
        var total = 0;
        while (await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                throw Open311Exception.BadArgument("Content-Disposition", "Each part must be a form field (form-data; name=\"…\").");
            if (disposition.IsFileDisposition()) throw new Open311Exception(StatusCodes.Status400BadRequest, MediaRefusal);
            if (!disposition.IsFormDisposition())
                throw Open311Exception.BadArgument("Content-Disposition", "Each part must be a form field (form-data; name=\"…\").");
            using var text = new StreamReader(section.Body, Encoding.UTF8);
            var value = await text.ReadToEndAsync(request.HttpContext.RequestAborted);
            total += Encoding.UTF8.GetByteCount(value);
            if (total > JsonBody.MaxBytes) throw JsonBody.TooLarge();
            if (arguments.ValueCount >= MaxArguments) throw Open311Exception.BadArgument("form", $"At most {MaxArguments} arguments.");
            arguments.Append(HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "", value);
        }
        return arguments.GetResults();
    }
}
