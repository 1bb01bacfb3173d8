using Dispatcher.Host.Hosting;

var app = DispatcherApp.Build(args);
app.Run();

/// <summary>Entry point; the composition lives in <see cref="DispatcherApp"/>.</summary>
public partial class Program;
