using Gateway.Accounts;
using Gateway.Accounts.Secrets;
using Gateway.Accounts.Tokens;
using Gateway.Hosting;
using Gateway.LoadTests.Seeder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

// Seeds a gateway data directory for the load tests. Same configuration keys as the gateway:
//   Gateway.LoadTests.Seeder --Gateway:DataDirectory=DIR --Gateway:Keys:HashKey=BASE64 \
//       --Seed:BearerKeys=1000000 --Seed:HmacKeys=1 --Seed:Sample=1000 --Seed:Output=DIR/credentials.txt
var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
var gateway = configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
var seed = configuration.GetSection(SeedOptions.SectionName).Get<SeedOptions>() ?? new SeedOptions();
if (gateway.Keys.HashKey is not { Length: > 0 } hashKey || seed.Output.Length == 0)
{
    Console.Error.WriteLine("usage: Gateway.LoadTests.Seeder --Gateway:DataDirectory=DIR --Gateway:Keys:HashKey=BASE64 --Seed:Output=FILE [--Seed:BearerKeys=N --Seed:HmacKeys=N --Seed:Sample=N]");
    return 2;
}

var dataDirectory = Path.GetFullPath(gateway.DataDirectory);
Directory.CreateDirectory(dataDirectory);
var factory = new KeyFactory(
    new SecretHasher(Convert.FromBase64String(hashKey)),
    MasterKeyRing.Create(gateway.Signing, dataDirectory, NullLogger.Instance),
    TimeProvider.System);
var credentials = await new StoreSeeder(factory, TimeProvider.System).SeedAsync(Path.Combine(dataDirectory, "gateway.db"), seed, Console.Out);

var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
if (!OperatingSystem.IsWindows())
{
    fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
}

await using (var file = new FileStream(seed.Output, fileOptions))
await using (var writer = new StreamWriter(file))
{
    foreach (var credential in credentials)
    {
        await writer.WriteLineAsync(credential.ToString());
    }
}

return 0;
