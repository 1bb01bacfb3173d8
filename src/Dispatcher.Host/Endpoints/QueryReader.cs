using System.Globalization;
using Dispatcher.Abstractions.Errors;

namespace Dispatcher.Host.Endpoints;

/// <summary>
/// Reads a query string field by field the one way every list route does: an empty value is an
/// absent one; a wrong value is collected as a field error, and <see cref="ThrowIfInvalid"/> refuses
/// the request with all of them at once (400, nothing read).
/// </summary>
public sealed class QueryReader(IQueryCollection query)
{
    private readonly Dictionary<string, string[]> _errors = [];

    public string? Text(string name) => string.IsNullOrWhiteSpace(query[name]) ? null : query[name].ToString();

    /// <summary>An enum member by name (any case); numbers are refused, they are not names.</summary>
    public T? Enum<T>(string name, string error) where T : struct, Enum
    {
        if (Text(name) is not { } v) return null;
        if (System.Enum.TryParse<T>(v, ignoreCase: true, out var parsed) && !int.TryParse(v, out _)) return parsed;
        _errors[name] = [error];
        return null;
    }

    public DateTimeOffset? Date(string name)
    {
        if (Text(name) is not { } v) return null;
        if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) return d;
        _errors[name] = ["Use an ISO 8601 date or date-time."];
        return null;
    }

    public int Number(string name, int fallback, int min, int max)
    {
        if (Text(name) is not { } v) return fallback;
        if (int.TryParse(v, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        _errors[name] = [$"Use a whole number from {min} to {max}."];
        return fallback;
    }

    /// <summary>The page number, the one way every paged list reads it (1 to 100,000, default 1).</summary>
    public int Page() => Number("page", 1, 1, 100_000);

    /// <summary>The page size, the one way every paged list reads it (1 to 200, default 50).</summary>
    public int PageSize() => Number("pageSize", 50, 1, 200);

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0) throw new ValidationException(_errors);
    }
}
