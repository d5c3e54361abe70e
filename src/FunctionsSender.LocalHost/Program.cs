using FunctionsSender.LocalHost;

// `dotnet run` prints the FunctionsSender metrics every 30 s (LocalHost__ConsoleMetrics=false turns that off).
LocalFunctionsHost.Build(args, consoleMetricsByDefault: true).Run();
