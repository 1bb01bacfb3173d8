using Microsoft.Extensions.Logging;

namespace Dispatcher.LoadTests.Hosting;

/// <summary>The logger of one category: hands warnings and errors to its <see cref="CountingLoggerProvider"/>.</summary>
internal sealed class CountingLogger(CountingLoggerProvider owner, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel < LogLevel.Warning) return;
        owner.Count($"{logLevel} {category}[{eventId.Id}]",
            () => formatter(state, exception) + (exception is null ? "" : $" — {exception.GetType().Name}: {exception.Message}"));
    }
}
