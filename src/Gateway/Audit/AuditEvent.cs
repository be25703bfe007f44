using System.Diagnostics.CodeAnalysis;

namespace Gateway.Audit;

/// <summary>
/// One audited fact: an admin change, or a request a service account made through the proxy. Never holds a secret.
/// </summary>
/// <remarks>
/// A proxied request's event (<see cref="AuditEventFactory"/>) holds its id and trace id as numbers, not text: the
/// audit store writes their text straight into its insert, and <see cref="Id"/> and <see cref="TraceId"/> make their
/// strings only when something reads them (a stdout mirror, the Redis store's JSON) — the request thread makes
/// neither. Equality is by what the event says (its properties), whichever form they are held in.
/// </remarks>
public sealed record AuditEvent
{
    private readonly UInt128 _idValue;
    private readonly ulong _traceIdHigh;
    private readonly ulong _traceIdLow;
    private string? _id;
    private string? _traceId;

    /// <summary>An event whose properties are all set by its initializer.</summary>
    public AuditEvent()
    {
    }

    /// <summary>
    /// An event whose id is <paramref name="id"/> (<see cref="AuditEventIds.NewValue"/>) and whose trace id is
    /// <paramref name="traceId"/> or, when that is null and not both halves are 0, <paramref name="traceIdHigh"/> and
    /// <paramref name="traceIdLow"/>; the initializer sets the rest (<see cref="Time"/>, <see cref="Kind"/>,
    /// <see cref="Action"/> and <see cref="Outcome"/> at least).
    /// </summary>
    [SetsRequiredMembers]
    internal AuditEvent(UInt128 id, string? traceId, ulong traceIdHigh, ulong traceIdLow)
    {
        _idValue = id;
        _traceId = traceId;
        _traceIdHigh = traceIdHigh;
        _traceIdLow = traceIdLow;
        Id = null!; // no string yet: made from the number when read
        Kind = null!;
        Action = null!;
        Outcome = null!;
    }

    /// <summary>Unique id (<c>ev_</c> + 20 base62 characters).</summary>
    public required string Id
    {
        get => _id ??= AuditEventIds.Format(_idValue);
        init => _id = value;
    }

    /// <summary>When it happened (millisecond precision).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary><see cref="AuditKinds.Admin"/> or <see cref="AuditKinds.Request"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The acting principal's id (<c>sa_…</c>); <c>null</c> when unauthenticated.</summary>
    public string? PrincipalId { get; init; }

    /// <summary>The acting principal's name at the time.</summary>
    public string? PrincipalName { get; init; }

    /// <summary>The key used.</summary>
    public string? KeyId { get; init; }

    /// <summary>What was done, e.g. <c>service_account.create</c>, <c>key.revoke</c>, <c>proxy.request</c>.</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to: an account or key id, a role name, or the route id of a proxied request.</summary>
    public string? Target { get; init; }

    /// <summary><c>success</c> or <c>failure</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The HTTP status answered.</summary>
    public int Status { get; init; }

    /// <summary>The HTTP method.</summary>
    public string? Method { get; init; }

    /// <summary>Milliseconds from arrival to the end of the response (proxied requests).</summary>
    public double? LatencyMs { get; init; }

    /// <summary>The client IP as the gateway established it.</summary>
    public string? ClientIp { get; init; }

    /// <summary>The W3C trace id, to find the request's trace.</summary>
    public string? TraceId
    {
        get => _traceId ??= (_traceIdHigh | _traceIdLow) == 0 ? null : string.Create(32, (_traceIdHigh, _traceIdLow),
            static (chars, id) => Telemetry.TraceContext.TraceParent.FormatTraceId(id._traceIdHigh, id._traceIdLow, chars));
        init
        {
            _traceId = value;
            _traceIdHigh = _traceIdLow = 0; // a copy (`with { TraceId = … }`) says what it was given
        }
    }

    /// <summary>
    /// Facts particular to the action, e.g. a renewal's <c>gracePeriod</c> or a leak report's <c>url</c> and
    /// <c>source</c>; never a secret. <c>null</c> for most events.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Details { get; init; }

    /// <summary>Equal when every property says the same (ids and trace ids compared as text, whichever form they are held in).</summary>
    public bool Equals(AuditEvent? other) =>
        other is not null && (ReferenceEquals(this, other) ||
        (Id == other.Id && Time == other.Time && Kind == other.Kind && PrincipalId == other.PrincipalId &&
         PrincipalName == other.PrincipalName && KeyId == other.KeyId && Action == other.Action && Target == other.Target &&
         Outcome == other.Outcome && Status == other.Status && Method == other.Method && LatencyMs == other.LatencyMs &&
         ClientIp == other.ClientIp && TraceId == other.TraceId && Equals(Details, other.Details)));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Time, Action, PrincipalId, Status, TraceId);

    /// <summary>
    /// Writes the id as UTF-8 into <paramref name="utf8"/> (<see cref="AuditEventIds.Length"/> bytes) when it is held
    /// as a number and no string was made of it yet; otherwise <c>false</c>, and <see cref="Id"/> is the text.
    /// </summary>
    internal bool TryWriteId(Span<byte> utf8)
    {
        if (_id is not null)
        {
            return false;
        }

        AuditEventIds.Write(_idValue, utf8);
        return true;
    }

    /// <summary>
    /// Writes the trace id as UTF-8 into <paramref name="utf8"/> (32 bytes) when it is held as numbers and no string
    /// was made of it yet; otherwise <c>false</c>, and <see cref="TraceId"/> is the text (or <c>null</c>).
    /// </summary>
    internal bool TryWriteTraceId(Span<byte> utf8)
    {
        if (_traceId is not null || (_traceIdHigh | _traceIdLow) == 0)
        {
            return false;
        }

        Telemetry.TraceContext.TraceParent.FormatTraceId(_traceIdHigh, _traceIdLow, utf8);
        return true;
    }
}
