namespace Gateway.RateLimiting;

/// <summary>What the limiter decided for one request.</summary>
public enum RateLimitOutcome
{
    /// <summary>Admitted and charged.</summary>
    Admitted,

    /// <summary>Refused: a rate limit is exhausted (429 <c>rate_limited</c>).</summary>
    RateLimited,

    /// <summary>Refused: a quota is used up for its period (429 <c>quota_exceeded</c>).</summary>
    QuotaExceeded,

    /// <summary>Refused: the signed request's nonce was already used (combined Redis path only; 401 <c>replayed_request</c>).</summary>
    Replayed,

    /// <summary>The shared store did not answer and the mode is fail-closed, or a deferred nonce could not be reserved (503).</summary>
    Unavailable,
}
