using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.TestSupport;

/// <summary>
/// A logger that keeps every entry it is given, in order: for tests of what a component logs and when (with
/// <see cref="Clock"/> set, each entry carries that clock's time).
/// </summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<RecordedLogEntry> _entries = new();

    /// <summary>The clock whose time each entry records (none: <c>default</c>).</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Every entry so far, in order.</summary>
    public RecordedLogEntry[] Entries => [.. _entries];

    /// <summary>The entries of <paramref name="level"/>.</summary>
    public RecordedLogEntry[] At(LogLevel level) => [.. _entries.Where(e => e.Level == level)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new RecordedLogEntry(logLevel, eventId.Id, formatter(state, exception), exception, Clock?.GetUtcNow() ?? default));
}
