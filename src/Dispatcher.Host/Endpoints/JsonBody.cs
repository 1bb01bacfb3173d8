using System.Buffers;
using System.Text.Json;
using Dispatcher.Abstractions.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Dispatcher.Host.Endpoints;

/// <summary>
/// Reads a JSON body ourselves so that a malformed body or a field of the wrong type becomes a
/// field-level 400 (e.g. "priority": "not a valid value") instead of a bare 400. The size limit holds
/// while reading, whether or not the client sent a Content-Length (chunked bodies included): past it
/// the request is refused with 413 and the rest is never read.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<T> Read<T>(HttpRequest request) where T : class
    {
        if (request.ContentLength > MaxBytes) throw TooLarge();
        if (!(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
            throw new BadHttpRequestException("Send application/json.", StatusCodes.Status415UnsupportedMediaType);
        // Kestrel stops reading at the limit itself (and does not drain an over-limit body afterwards).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBytes;
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = await ReadBounded(request.Body, buffer, request.HttpContext.RequestAborted);
            return JsonSerializer.Deserialize<T>(buffer.AsSpan(0, length), options)
                ?? throw ValidationException.For("body", "A JSON object is required.");
        }
        catch (JsonException ex)
        {
            throw ValidationException.For(FieldOf(ex.Path), ex.Path is null or "$" ? "Not valid JSON." : "Wrong type or malformed value.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the body into <paramref name="buffer"/>, or throws 413 as soon as it passes <see cref="MaxBytes"/> (the guard where the server limit cannot be set).</summary>
    internal static async Task<int> ReadBounded(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(length, MaxBytes + 1 - length), cancellationToken)) > 0)
        {
            length += read;
            if (length > MaxBytes) throw TooLarge();
        }
        return length;
    }

    internal static BadHttpRequestException TooLarge() =>
        new($"At most {MaxBytes} bytes; nothing was stored.", StatusCodes.Status413PayloadTooLarge);

    /// <summary>"$.citizen.phone" → "citizen.phone"; "$" → "body".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
