using System.Globalization;
using Gateway.Accounts;
using Microsoft.AspNetCore.Http;

namespace Gateway.RateLimiting;

/// <summary>
/// The <c>RateLimit-Policy</c> and <c>RateLimit</c> fields of draft-ietf-httpapi-ratelimit-headers-10 (structured-field
/// lists): policy <c>"rate"</c> for the tightest rate bucket (<c>q</c> = its requests per <c>w</c> seconds) and
/// <c>"quota"</c> for the tightest quota (<c>w</c> = the period's length in seconds); <c>r</c> = what remains,
/// <c>t</c> = seconds until it is fully available again (quota: until the period ends).
/// </summary>
public static class RateLimitHeaders
{
    /// <summary>The policy field name.</summary>
    public const string PolicyHeader = "RateLimit-Policy";

    /// <summary>The current-limit field name.</summary>
    public const string RateLimitHeader = "RateLimit";

    /// <summary>Sets both fields for <paramref name="decision"/> (nothing when no limit was reported).</summary>
    public static void Apply(IHeaderDictionary headers, in RateLimitDecision decision, DateTimeOffset now)
    {
        var rate = decision.Rate;
        var quota = decision.Quota;
        if (rate is null && quota is null)
        {
            return;
        }

        string policy, current;
        if (rate is not null && quota is not null)
        {
            policy = string.Concat(RatePolicy(rate), ", ", QuotaPolicy(quota, now));
            current = string.Create(CultureInfo.InvariantCulture,
                $"\"rate\";r={decision.RateRemaining};t={decision.RateResetSeconds}, \"quota\";r={decision.QuotaRemaining};t={decision.QuotaResetSeconds}");
        }
        else if (rate is not null)
        {
            policy = RatePolicy(rate);
            current = string.Create(CultureInfo.InvariantCulture, $"\"rate\";r={decision.RateRemaining};t={decision.RateResetSeconds}");
        }
        else
        {
            policy = QuotaPolicy(quota!, now);
            current = string.Create(CultureInfo.InvariantCulture, $"\"quota\";r={decision.QuotaRemaining};t={decision.QuotaResetSeconds}");
        }

        headers[PolicyHeader] = policy;
        headers[RateLimitHeader] = current;
    }

    private static string RatePolicy(RateLimit rate) =>
        string.Create(CultureInfo.InvariantCulture, $"\"rate\";q={rate.Requests()};w={rate.WindowSeconds()}");

    private static string QuotaPolicy(Quota quota, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"\"quota\";q={quota.Limit()};w={(long)(quota.PeriodEnd(now) - quota.PeriodStart(now)).TotalSeconds}");
}
