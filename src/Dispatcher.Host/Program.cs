using Dispatcher.Host.Hosting;

if (args.Length > 0 && args[0] == "migrate")
    return await MigrateCommand.Run(args[1..]);

var app = DispatcherApp.Build(args);
await app.RunAsync();
return 0;

/// <summary>Entry point; the composition lives in <see cref="DispatcherApp"/>.</summary>
public partial class Program;
