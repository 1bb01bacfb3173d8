using System.Text.Json;
using Dispatcher.Abstractions.Errors;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Dispatcher.Host.Endpoints;

/// <summary>
/// Reads a JSON body ourselves so that a malformed body or a field of the wrong type becomes a
/// field-level 400 (e.g. "priority": "not a valid value") instead of a bare 400.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<T> Read<T>(HttpRequest request) where T : class
    {
        if (request.ContentLength > MaxBytes) throw ValidationException.For("body", $"At most {MaxBytes} bytes.");
        if (!(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
            throw ValidationException.For("body", "Send application/json.");
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted)
                ?? throw ValidationException.For("body", "A JSON object is required.");
        }
        catch (JsonException ex)
        {
            throw ValidationException.For(FieldOf(ex.Path), ex.Path is null or "$" ? "Not valid JSON." : "Wrong type or malformed value.");
        }
    }

    /// <summary>"$.citizen.phone" → "citizen.phone"; "$" → "body".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
