using Microsoft.Extensions.Logging;

namespace Dispatcher.LoadTests.Hosting;

public static class LoggingBuilderExtensions
{
    /// <summary>Host logging at Warning, counted into the report (<see cref="CountingLoggerProvider"/>) instead of printed.</summary>
    public static ILoggingBuilder CountWarningsForTheReport(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddProvider(CountingLoggerProvider.Instance);
        return logging.SetMinimumLevel(LogLevel.Warning);
    }
}
