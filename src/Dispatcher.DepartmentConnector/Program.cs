using Dispatcher.Client;
using Dispatcher.DepartmentConnector;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

ConnectorSettings settings;
try
{
    settings = ConnectorSettings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(ConnectorSettings.Usage);
    return 2;
}

// The command line is ours alone (flags without values would confuse the configuration parser).
var builder = Host.CreateApplicationBuilder();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning);
builder.UseDispatcherClient(settings.Client);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton<HandledLog>(_ => new HandledLog());
builder.Services.AddSingleton<DepartmentWorker>();
builder.Services.AddHostedService<ConnectorService>();
await builder.Build().RunAsync();
return 0;
