using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Gateway.Hosting.Startup;

/// <summary>
/// Production log levels, as the lowest-precedence configuration source: the gateway's own logs at Information,
/// framework chatter (ASP.NET Core, YARP, HttpClient) at Warning, the host's "Now listening on" lines kept. Applied
/// only when <c>Logging:LogLevel:Default</c> is not configured: whoever sets it takes over every level.
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

    /// <summary>Inserts the defaults below every other source of <paramref name="configuration"/>, unless the default level is configured.</summary>
    public static void Apply(IConfigurationManager configuration)
    {
        if (configuration["Logging:LogLevel:Default"] is not null)
        {
            return;
        }

        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
    }
}
