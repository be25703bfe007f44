using Gateway.Observability.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Observability;

public sealed class RedactingLoggerFactoryTests
{
    [Fact]
    public void Scopes_ReachProvidersThatReadThem_Redacted()
    {
        var provider = new ScopeRecordingProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(provider));
        RedactingLoggerFactory.Register(services);
        using var container = services.BuildServiceProvider();
        var logger = container.GetRequiredService<ILoggerFactory>().CreateLogger("Test");

        using (logger.BeginScope(new Dictionary<string, object?> { ["RequestPath"] = "/x/gwk_live_" + new string('a', 40) }.ToList()))
        {
            logger.LogWarning("inside");
        }

        var scope = Assert.Single(provider.Seen);
        Assert.Contains("RequestPath", scope, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('a', 40), scope, StringComparison.Ordinal);
    }

    private sealed class ScopeRecordingProvider : ILoggerProvider, ISupportExternalScope, ILogger
    {
        private IExternalScopeProvider? _scopes;

        public List<string> Seen { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _scopes?.ForEachScope((scope, seen) => seen.Add(string.Join(",", ((IEnumerable<KeyValuePair<string, object?>>)scope!).Select(p => $"{p.Key}={p.Value}"))), Seen);

        public void Dispose()
        {
        }
    }
}
