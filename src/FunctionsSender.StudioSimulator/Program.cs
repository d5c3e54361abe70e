using FunctionsSender.StudioSimulator;

StudioSimulatorApp.Build(args).Run();
