using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Gateway.Telemetry.TraceContext;

/// <summary>
/// The request's W3C trace context when no <see cref="Activity"/> carries it (no spans exported, see
/// docs/OPERATIONS.md "Traces"): continued from a valid incoming <c>traceparent</c> (and its <c>tracestate</c>, as
/// .NET's propagator validated it) or a new random trace id, made on first use and kept as an HTTP feature for the
/// rest of the request. One small object per request; the trace id's hex string is formatted once, when a problem
/// body or audit event asks for it. When an activity is current (spans are exported, or the host made one for its
/// log scope), it is the trace context instead, as ASP.NET Core set it up.
/// </summary>
public sealed class RequestTraceContext
{
    private readonly ulong _traceIdHigh;
    private readonly ulong _traceIdLow;
    private readonly byte _flags;
    private string? _traceId;

    private RequestTraceContext(ulong traceIdHigh, ulong traceIdLow, byte flags, string? traceState)
    {
        _traceIdHigh = traceIdHigh;
        _traceIdLow = traceIdLow;
        _flags = flags;
        TraceState = traceState;
    }

    /// <summary>The caller's <c>tracestate</c> when its <c>traceparent</c> was continued (validated as .NET's propagator does), else null.</summary>
    public string? TraceState { get; }

    /// <summary>The trace id's first 8 bytes as a number (its first 16 hex digits).</summary>
    internal ulong TraceIdHigh => _traceIdHigh;

    /// <summary>The trace id's last 8 bytes as a number (its last 16 hex digits).</summary>
    internal ulong TraceIdLow => _traceIdLow;

    /// <summary>The trace id as 32 lowercase hex digits (formatted once).</summary>
    public string TraceId => _traceId ??= string.Create(TraceParent.TraceIdLength, (_traceIdHigh, _traceIdLow),
        static (chars, id) => TraceParent.FormatTraceId(id._traceIdHigh, id._traceIdLow, chars));

    /// <summary>
    /// The <c>traceparent</c> for the upstream: this trace, a new span id for the gateway's hop, and the caller's flags
    /// without the sampled bit (nothing is recorded), as the propagation-only activity wrote them.
    /// </summary>
    public string UpstreamTraceParent() => TraceParent.Format(_traceIdHigh, _traceIdLow, NonZero(), (byte)(_flags & UnrecordedFlags));

    /// <summary>The trace id of the request: the current activity's, else the request's own context (made on first use).</summary>
    public static string TraceIdOf(HttpContext context) => Activity.Current is { } activity ? activity.TraceId.ToHexString() : Of(context).TraceId;

    /// <summary>The request's trace context, made on first use from its headers.</summary>
    public static RequestTraceContext Of(HttpContext context)
    {
        var features = context.Features;
        if (features.Get<RequestTraceContext>() is { } existing)
        {
            return existing;
        }

        var created = From(context.Request.Headers);
        features.Set(created);
        return created;
    }

    /// <summary>A trace context for a request with <paramref name="headers"/>: continued, or new.</summary>
    public static RequestTraceContext From(IHeaderDictionary headers)
    {
        if (headers.TraceParent.Count > 0)
        {
            // The propagator ASP.NET Core uses reads (and validates) both headers as it did for the request activity.
            DistributedContextPropagator.Current.ExtractTraceIdAndState(headers, ReadHeader, out var traceParent, out var traceState);
            if (traceParent is not null && TraceParent.TryParse(traceParent, out var parent))
            {
                return new RequestTraceContext(parent.TraceIdHigh, parent.TraceIdLow, parent.Flags, string.IsNullOrEmpty(traceState) ? null : traceState);
            }
        }

        ulong high, low;
        do
        {
            high = RandomId();
            low = RandomId();
        }
        while ((high | low) == 0);

        return new RequestTraceContext(high, low, 0, null);
    }

    // An Activity's flags without ActivityTraceFlags.Recorded (and without the top bit, which Activity keeps for itself).
    private const byte UnrecordedFlags = 0x7E;

    private static ulong NonZero()
    {
        ulong id;
        do
        {
            id = RandomId();
        }
        while (id == 0);

        return id;
    }

    private static ulong RandomId()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        Random.Shared.NextBytes(bytes);
        return BitConverter.ToUInt64(bytes);
    }

    // As ASP.NET Core reads them: the header's values, joined when repeated.
    internal static void ReadHeader(object? carrier, string name, out string? value, out IEnumerable<string>? values)
    {
        values = null;
        value = ((IHeaderDictionary)carrier!)[name];
    }
}
