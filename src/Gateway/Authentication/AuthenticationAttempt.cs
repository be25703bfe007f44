using System.Diagnostics;

namespace Gateway.Authentication;

/// <summary>
/// One authentication attempt being tracked by <see cref="AuthenticationTelemetry"/>: its scheme, its span (when
/// something listens) and its start. Dispose it once its outcome is recorded.
/// </summary>
/// <param name="Scheme">The scheme the attempt is counted under.</param>
/// <param name="Activity">The <c>authenticate</c> span, or <see langword="null"/> when nothing listens.</param>
/// <param name="Started">The <see cref="Stopwatch"/> timestamp of the start.</param>
public readonly record struct AuthenticationAttempt(string Scheme, Activity? Activity, long Started) : IDisposable
{
    /// <summary>Ends the span.</summary>
    public void Dispose() => Activity?.Dispose();
}
