using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Gateway.Hosting.Startup;

/// <summary>
/// Production log levels, as the lowest-precedence configuration source: the gateway's own logs at Information,
/// framework chatter (ASP.NET Core, YARP, HttpClient) at Warning, the host's "Now listening on" lines kept. Applied
/// only when <c>Logging:LogLevel:Default</c> is not configured: whoever sets it takes over every level.
/// <para>
/// ASP.NET Core's request diagnostics (<see cref="RequestDiagnosticsCategory"/>) are off unless the console shows
/// scopes (<c>Logging:Console:FormatterOptions:IncludeScopes=true</c>): at Warning that category logs nothing a
/// request does, but being enabled at all makes the host open a log scope (request id and path) for every request,
/// which pushes an async-local value and allocates for it — work nobody reads while no output shows scopes.
/// </para>
/// </summary>
public static class LoggingDefaults
{
    /// <summary>The defaults, by configuration key.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Levels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:LogLevel:System"] = "Warning",
        ["Logging:LogLevel:Yarp"] = "Warning",
        ["Logging:LogLevel:Gateway"] = "Information",
    };

    /// <summary>
    /// The host's per-request logging category (request starting/finished lines and the request log scope): the one
    /// tracing checks too, since enabling it makes ASP.NET Core create a request activity.
    /// </summary>
    public const string RequestDiagnosticsCategory = Observability.TracingSetup.RequestDiagnosticsCategory;

    /// <summary><see cref="Levels"/> with the request diagnostics off, for when no output shows scopes.</summary>
    public static readonly IReadOnlyDictionary<string, string?> LevelsWithoutRequestScope =
        new Dictionary<string, string?>(Levels) { ["Logging:LogLevel:" + RequestDiagnosticsCategory] = "None" };

    /// <summary>Inserts the defaults below every other source of <paramref name="configuration"/>, unless the default level is configured.</summary>
    public static void Apply(IConfigurationManager configuration)
    {
        if (configuration["Logging:LogLevel:Default"] is not null)
        {
            return;
        }

        var levels = ShowsScopes(configuration) ? Levels : LevelsWithoutRequestScope;
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = levels });
    }

    // The console formatters' option (and its older place on the console logger's own options).
    private static bool ShowsScopes(IConfiguration configuration) =>
        IsTrue(configuration["Logging:Console:FormatterOptions:IncludeScopes"]) || IsTrue(configuration["Logging:Console:IncludeScopes"]);

    private static bool IsTrue(string? value) => bool.TryParse(value, out var on) && on;
}
