using Microsoft.Extensions.Logging;

namespace Gateway.Observability.Redaction;

/// <summary>
/// Passes every entry and scope to the real logger with possible credentials removed (<see cref="SecretRedactor"/>).
/// Filtering is the real logger's: a disabled level costs one call, an entry without secrets one scan of its text.
/// </summary>
public sealed class RedactingLogger(ILogger inner) : ILogger
{
    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => state switch
    {
        IReadOnlyList<KeyValuePair<string, object?>> pairs => inner.BeginScope(new RedactedScope(pairs, state)),
        string text => inner.BeginScope(SecretRedactor.Redact(text)),
        _ => inner.BeginScope(state),
    };

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        var redacted = SecretRedactor.Redact(message);
        if (state is IReadOnlyList<KeyValuePair<string, object?>> pairs)
        {
            inner.Log(logLevel, eventId, new RedactedLogState(pairs, redacted), exception, static (s, _) => s.Message);
        }
        else if (!ReferenceEquals(redacted, message))
        {
            inner.Log(logLevel, eventId, redacted, exception, static (s, _) => s);
        }
        else
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
