using Microsoft.Extensions.Logging;

namespace Gateway.Tests.TestSupport;

/// <summary>One entry a <see cref="RecordingLogger{T}"/> kept: level, event id, message, exception and the clock's time.</summary>
public sealed record RecordedLogEntry(LogLevel Level, int EventId, string Message, Exception? Exception, DateTimeOffset At);
