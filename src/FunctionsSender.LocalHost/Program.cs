using FunctionsSender.LocalHost;

LocalFunctionsHost.Build(args).Run();
