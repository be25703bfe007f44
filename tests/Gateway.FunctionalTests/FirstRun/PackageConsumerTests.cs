using System.IO.Compression;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>
/// Gateway.Signing and Gateway.Client pack into a local feed with their metadata and readme, and
/// samples/PackageConsumer — built from a copy outside the repository, by PackageReference only — signs a real
/// request with them.
/// </summary>
public sealed class PackageConsumerTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-pack-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<ProcessRun> DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var run = await ProcessRun.RunAsync(ProcessRun.Dotnet(), arguments, workingDirectory,
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" }, TimeSpan.FromMinutes(4));
        Assert.True(run.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {run.ExitCode}:\n{run.Output}\n{run.Error}");
        return run;
    }

    [Fact]
    public async Task PackedClient_IsConsumedByPackageReference_AndSigns()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_directory, "feed")).FullName;
        foreach (var project in new[] { "Gateway.Signing", "Gateway.Client" })
        {
            await DotnetAsync(_directory, "pack", RepositoryFiles.Path("src", project, project + ".csproj"),
                "-c", Configuration, "--no-build", "-o", feed, "-nologo");
        }

        using (var client = ZipFile.OpenRead(Path.Combine(feed, "Gateway.Client.0.1.0.nupkg")))
        {
            Assert.Contains(client.Entries, e => e.FullName == "README.md");
            using var reader = new StreamReader(client.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            var nuspec = await reader.ReadToEndAsync();
            Assert.Contains("<readme>README.md</readme>", nuspec);
            Assert.Contains("<description>.NET client for the Gateway", nuspec);
            Assert.Contains("id=\"Gateway.Signing\" version=\"0.1.0\"", nuspec);
        }

        Assert.True(File.Exists(Path.Combine(feed, "Gateway.Signing.0.1.0.nupkg")));

        var consumer = Directory.CreateDirectory(Path.Combine(_directory, "consumer")).FullName;
        foreach (var file in Directory.GetFiles(RepositoryFiles.Path("samples", "PackageConsumer"), "*.cs*"))
        {
            File.Copy(file, Path.Combine(consumer, Path.GetFileName(file)));
        }

        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        Assert.DoesNotContain("ProjectReference", await File.ReadAllTextAsync(Path.Combine(consumer, "PackageConsumer.csproj")));
        await DotnetAsync(consumer, "build", "-c", "Release", "-nologo", $"-p:RestorePackagesPath={Path.Combine(_directory, "packages")}");

        var (account, keyId, secret) = await fixture.Gateway.CreateHmacCallerAsync("packaged");
        var run = await DotnetAsync(consumer, Path.Combine(consumer, "bin", "Release", "net10.0", "PackageConsumer.dll"),
            fixture.Gateway.Proxy.BaseAddress!.ToString(), keyId, secret);

        Assert.Equal($"{account} rfc9421", run.Output.Trim());
    }
}
