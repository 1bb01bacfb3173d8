namespace Dispatcher.Host.Open311;

/// <summary>One error of an Open311 answer: its code (the HTTP status) and what went wrong.</summary>
public sealed record Open311Error(int Code, string Description);

/// <summary>An Open311 refusal, answered as <c>errors/error</c> with the given HTTP status.</summary>
public sealed class Open311Exception(int status, IReadOnlyList<Open311Error> errors)
    : Exception(string.Join("; ", errors.Select(e => e.Description)))
{
    public Open311Exception(int status, string description) : this(status, [new Open311Error(status, description)]) { }

    public int Status { get; } = status;
    public IReadOnlyList<Open311Error> Errors { get; } = errors;

    /// <summary>A 400 naming one argument, as the field-level errors are named.</summary>
    public static Open311Exception BadArgument(string argument, string message) => new(StatusCodes.Status400BadRequest, $"{argument}: {message}");
}
