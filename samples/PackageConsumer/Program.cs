using Gateway.Client;
using Microsoft.Extensions.DependencyInjection;

// Usage: PackageConsumer <proxy-url> <access-key-id> <secret> — prints who the HMAC key is, via a signed whoami.
var services = new ServiceCollection();
var (proxy, _) = services.AddGatewayClient(new Uri(args.Length > 0 ? args[0] : "http://localhost:8080"));
proxy.AddGatewaySigning(new Rfc9421SigningOptions
{
    KeyId = args.Length > 1 ? args[1] : "ak_example",
    Secret = args.Length > 2 ? args[2] : "gws_example",
});
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<GatewayProxyClient>();
if (args.Length < 3)
{
    Console.WriteLine("registered: " + client.GetType().FullName);
    return 0;
}

var identity = await client.WhoAmIAsync();
Console.WriteLine($"{identity.PrincipalId} {identity.AuthScheme}");
return 0;
