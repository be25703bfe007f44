using Microsoft.Extensions.Logging;

namespace Gateway.Hosting.Startup;

/// <summary>
/// Until the gateway has started, keeps the host's own error logs (a stack trace for a port in use, "BackgroundService
/// failed" for services cancelled by the failed start) and YARP's routes-conversion errors off the console: <see cref="GatewayProgram"/> reports the
/// failure in one line instead. After start, and with <c>--verbose</c>, nothing is filtered.
/// </summary>
public sealed class StartupPhase
{
    /// <summary>The host's logging category.</summary>
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>YARP's routes reader, which logs a conversion failure (with its stack trace) before throwing it.</summary>
    public const string RoutesCategory = "Yarp.ReverseProxy.Configuration.ConfigProvider.ConfigurationConfigProvider";

    private volatile bool _started;

    /// <summary>Whether the host finished starting.</summary>
    public bool Started => _started;

    /// <summary>Marks the start as done.</summary>
    public void MarkStarted() => _started = true;

    /// <summary>The filter for <see cref="HostCategory"/>: nothing before the start, warnings and errors after it.</summary>
    public bool Allows(LogLevel level) => _started && level >= LogLevel.Warning;
}
