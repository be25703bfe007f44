using Gateway.Hosting.Startup;
using Gateway.Migration;

// Before anything opens a socket: the runtime reads these settings once.
RuntimeDefaults.Apply();

if (MigrationCommand.Matches(args))
{
    return await MigrationCommand.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

return await GatewayProgram.RunAsync(args, Console.Error);
