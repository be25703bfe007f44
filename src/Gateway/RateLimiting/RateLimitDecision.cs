namespace Gateway.RateLimiting;

/// <summary>
/// A limiter's answer with what the <c>RateLimit</c> headers report: the tightest rate bucket and the tightest quota.
/// </summary>
/// <param name="Outcome">Admitted or why not.</param>
/// <param name="Rate">The reported rate policy (its bucket's numbers), when a rate applies.</param>
/// <param name="RateRemaining">Requests the rate still admits now.</param>
/// <param name="RateResetSeconds">Seconds until the rate bucket is full again (or, when refused, until a retry is admitted).</param>
/// <param name="Quota">The reported quota, when one applies.</param>
/// <param name="QuotaRemaining">Requests left in the quota's period.</param>
/// <param name="QuotaResetSeconds">Seconds until the quota's period ends.</param>
/// <param name="RetryAfterSeconds">For a refusal: when to retry.</param>
public readonly record struct RateLimitDecision(
    RateLimitOutcome Outcome,
    Accounts.RateLimit? Rate,
    long RateRemaining,
    long RateResetSeconds,
    Accounts.Quota? Quota,
    long QuotaRemaining,
    long QuotaResetSeconds,
    long RetryAfterSeconds)
{
    /// <summary>An answer for a plan with nothing to enforce.</summary>
    public static RateLimitDecision None => new(RateLimitOutcome.Admitted, null, 0, 0, null, 0, 0, 0);

    /// <summary>Whole seconds, rounded up, of <paramref name="microseconds"/>.</summary>
    public static long Seconds(long microseconds) => microseconds <= 0 ? 0 : (microseconds + 999_999) / 1_000_000;
}
