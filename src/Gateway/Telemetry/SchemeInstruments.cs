using Prometheus;

namespace Gateway.Telemetry;

/// <summary>
/// One authentication scheme's metrics bound to their labels once: the duration, the success counter and the replay
/// counter (only for a scheme that refuses replays). Failures keep their label lookup (the reason is an error code,
/// and refusals are not the budgeted path).
/// </summary>
public sealed class SchemeInstruments(GatewayMetrics metrics, string scheme, bool rejectsReplays)
{
    /// <summary>The scheme (<c>api-key</c>, <c>rfc9421</c>, <c>aws-sigv4</c>).</summary>
    public string Scheme { get; } = scheme;

    /// <summary><c>gateway_authentication_duration_seconds{scheme}</c>.</summary>
    public Histogram.Child Duration { get; } = metrics.AuthenticationDuration.WithLabels(scheme);

    /// <summary><c>gateway_authentication_total{scheme, result="success", reason="ok"}</c>.</summary>
    public Counter.Child Succeeded { get; } = metrics.Authentications.WithLabels(scheme, "success", "ok");

    /// <summary><c>gateway_replay_rejections_total{scheme}</c>; <c>null</c> for a scheme that does not refuse replays.</summary>
    public Counter.Child? Replayed { get; } = rejectsReplays ? metrics.ReplayRejections.WithLabels(scheme) : null;

    /// <summary><c>gateway_authentication_total{scheme, result="failure", reason=code}</c>.</summary>
    public Counter.Child Failed(string code) => metrics.Authentications.WithLabels(Scheme, "failure", code);
}
