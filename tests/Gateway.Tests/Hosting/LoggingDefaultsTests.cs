using Gateway.Hosting.Startup;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Hosting;

public sealed class LoggingDefaultsTests
{
    private const string RequestDiagnosticsLevel = "Logging:LogLevel:" + LoggingDefaults.RequestDiagnosticsCategory;

    [Fact]
    public void Apply_NothingConfigured_TurnsTheRequestScopeOff()
    {
        var configuration = Applied([]);

        Assert.Equal("None", configuration[RequestDiagnosticsLevel]);
        Assert.Equal("Warning", configuration["Logging:LogLevel:Microsoft"]);
        Assert.Equal("Information", configuration["Logging:LogLevel:Gateway"]);
    }

    [Theory]
    [InlineData("Logging:Console:FormatterOptions:IncludeScopes")]
    [InlineData("Logging:Console:IncludeScopes")]
    public void Apply_ConsoleShowsScopes_KeepsTheRequestScope(string key)
    {
        var configuration = Applied(new() { [key] = "true" });

        Assert.Null(configuration[RequestDiagnosticsLevel]);
        Assert.Equal("Warning", configuration["Logging:LogLevel:Microsoft"]);
    }

    [Fact]
    public void Apply_ScopesConfiguredOff_TurnsTheRequestScopeOff()
    {
        var configuration = Applied(new() { ["Logging:Console:FormatterOptions:IncludeScopes"] = "false" });

        Assert.Equal("None", configuration[RequestDiagnosticsLevel]);
    }

    [Fact]
    public void Apply_DefaultLevelConfigured_LeavesEveryLevelToTheOperator()
    {
        var configuration = Applied(new() { ["Logging:LogLevel:Default"] = "Debug" });

        Assert.Null(configuration[RequestDiagnosticsLevel]);
        Assert.Null(configuration["Logging:LogLevel:Microsoft"]);
    }

    [Fact]
    public void Apply_OperatorsOwnLevelForTheCategory_Wins()
    {
        var configuration = Applied(new() { [RequestDiagnosticsLevel] = "Warning" });

        Assert.Equal("Warning", configuration[RequestDiagnosticsLevel]);
    }

    private static ConfigurationManager Applied(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings);
        LoggingDefaults.Apply(configuration);
        return configuration;
    }
}
