using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Observability.Redaction;

/// <summary>
/// The application's <see cref="ILoggerFactory"/> with every logger it creates wrapped in a
/// <see cref="RedactingLogger"/>, so no log line of any component — the hosting "Request starting" line with its
/// URL, routing's request path, YARP's "Proxying to" target — carries a query value or a misplaced token, whatever
/// the configured levels, providers and formatters.
/// </summary>
public sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <inheritdoc />
    public void Dispose() => inner.Dispose();

    /// <summary>Replaces the registered <see cref="LoggerFactory"/> with a redacting one over it. Call after every logging registration.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(provider => new LoggerFactory(
            provider.GetServices<ILoggerProvider>(),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>(),
            provider.GetService<IExternalScopeProvider>()));
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider => new RedactingLoggerFactory(provider.GetRequiredService<LoggerFactory>())));
    }
}
