using Gateway.Hosting;
using Gateway.Migration;

if (MigrationCommand.Matches(args))
{
    return await MigrationCommand.RunAsync(args[1..], Console.Out, Console.Error, CancellationToken.None);
}

var app = GatewayApplication.Build(args);
await app.RunAsync();
return 0;
