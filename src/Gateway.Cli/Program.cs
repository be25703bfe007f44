using Gateway.Cli;

return await GatewayCtl.RunAsync(args, CliEnvironment.FromConsole());
