using Gateway.Configuration;
using Gateway.Errors;
using Gateway.Hosting.Startup;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.FirstRun;

/// <summary>The unknown-key check: known keys from the options types by reflection, misspellings with a "did you mean".</summary>
public sealed class UnknownSettingsTests
{
    private sealed class ConsoleSectionOptions
    {
        public string Path { get; set; } = "/console";
    }

    private static IReadOnlyList<string> Find(Dictionary<string, string?> settings, params GatewaySettingsSection[] extra) =>
        UnknownSettings.Find(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), extra);

    [Fact]
    public void EveryKnownShape_IsAccepted()
    {
        var problems = Find(new()
        {
            ["Gateway:DataDirectory"] = "data",
            ["gateway:listeners:proxy:url"] = "http://127.0.0.1:1",
            ["Gateway:TrustedProxies:0"] = "10.0.0.1",
            ["Gateway:Signing:MasterKeys:0:Id"] = "a",
            ["Gateway:Signing:SigV4:Regions:1"] = "eu-west-1",
            ["Gateway:Keys:MaxLifetime"] = "1.00:00:00",
            ["Gateway:Audit:QueueCapacity"] = "5",
            ["Gateway:Console:Path"] = "/ui",
            ["Logging:LogLevel:Default"] = "Debug",
            ["Unrelated:Anything"] = "x",
        }, new GatewaySettingsSection("Console", typeof(ConsoleSectionOptions)));

        Assert.Empty(problems);
    }

    [Fact]
    public void MisspelledSection_NamesTheLeafAndSuggestsTheKnownOne()
    {
        var problems = Find(new() { ["Gateway:Listners:Proxy:Url"] = "http://127.0.0.1:1" });

        Assert.Equal(["Gateway:Listners:Proxy:Url (did you mean Gateway:Listeners:Proxy:Url?)"], problems);
    }

    [Fact]
    public void MisspelledNestedKey_AndKeyInsideAListElement_AreFound()
    {
        var problems = Find(new()
        {
            ["Gateway:Audit:QueueCapacty"] = "5",
            ["Gateway:Signing:MasterKeys:0:Kye"] = "x",
            ["Gateway:Completely:Different"] = "x",
        });

        Assert.Contains("Gateway:Audit:QueueCapacty (did you mean Gateway:Audit:QueueCapacity?)", problems);
        Assert.Contains("Gateway:Signing:MasterKeys:0:Kye (did you mean Gateway:Signing:MasterKeys:0:Key?)", problems);
        Assert.Contains("Gateway:Completely:Different", problems);
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void UnregisteredSection_IsUnknown_AndCheckThrowsOneSentence()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Gateway:Console:Path"] = "/ui" }).Build();

        var error = Assert.Throws<GatewayStartupException>(() => UnknownSettings.Check(configuration, []));

        Assert.StartsWith("unknown setting Gateway:Console:Path", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ChildOfAScalar_IsUnknown()
    {
        var problems = Find(new() { ["Gateway:DataDirectory:Sub"] = "x" });

        Assert.Equal(["Gateway:DataDirectory:Sub (Gateway:DataDirectory is a single value)"], problems);
    }
}
