namespace Gateway.Signing.SigV4;

/// <summary>
/// The outcome of <see cref="SigV4Parser"/>: an <see cref="Error"/>, or the authorization and (when parsed from a
/// request) the <c>X-Amz-Date</c> signing time, which the server checks against its clock skew before verifying.
/// </summary>
public sealed class SigV4ParseResult
{
    internal SigV4ParseResult(SigV4Error error, SigV4Authorization? authorization = null, string? amzDate = null, DateTimeOffset? requestTime = null)
    {
        Error = error;
        Authorization = authorization;
        AmzDate = amzDate;
        RequestTime = requestTime;
    }

    /// <summary><see cref="SigV4Error.None"/> on success.</summary>
    public SigV4Error Error { get; }

    /// <summary>True when <see cref="Error"/> is <see cref="SigV4Error.None"/>.</summary>
    public bool Succeeded => Error == SigV4Error.None;

    /// <summary>The parsed header; <see langword="null"/> on failure.</summary>
    public SigV4Authorization? Authorization { get; }

    /// <summary>The <c>X-Amz-Date</c> value as sent; <see langword="null"/> when only the header was parsed.</summary>
    public string? AmzDate { get; }

    /// <summary>The signing time from <c>X-Amz-Date</c> (UTC); <see langword="null"/> when only the header was parsed.</summary>
    public DateTimeOffset? RequestTime { get; }
}
