using System.Globalization;
using System.Text.Json.Serialization;

namespace Gateway.Accounts;

/// <summary>
/// A request rate: exactly one of <see cref="RequestsPerSecond"/> or <see cref="RequestsPerMinute"/>, and the
/// <see cref="Burst"/> that may arrive at once (default: the whole window's worth). Enforced by GCRA
/// (docs/RATE-LIMITS.md). The JSON shape is the admin API's: <c>{"requestsPerMinute": 600, "burst": 50}</c>.
/// </summary>
public sealed record RateLimit
{
    /// <summary>The largest value any member accepts.</summary>
    public const int MaxValue = 1_000_000;

    /// <summary>Requests per second; <c>null</c> when the limit is per minute.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RequestsPerSecond { get; init; }

    /// <summary>Requests per minute; <c>null</c> when the limit is per second.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RequestsPerMinute { get; init; }

    /// <summary>How many requests may arrive back to back; <c>null</c> for the window's count.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Burst { get; init; }

    /// <summary>The number of requests per <see cref="WindowSeconds"/>.</summary>
    public int Requests() => RequestsPerSecond ?? RequestsPerMinute ?? 0;

    /// <summary>The window of the rate: 1 or 60 seconds.</summary>
    public int WindowSeconds() => RequestsPerSecond is not null ? 1 : 60;

    /// <summary>The burst in force: <see cref="Burst"/>, else the window's count.</summary>
    public int EffectiveBurst() => Burst ?? Requests();

    /// <summary>The emission interval in microseconds: how far apart requests are spaced at the steady rate.</summary>
    public long IntervalMicroseconds() => Requests() > 0 ? WindowSeconds() * 1_000_000L / Requests() : long.MaxValue;

    /// <summary>Whether <paramref name="other"/> admits fewer requests per second than this one (the tighter rate).</summary>
    public bool IsTighterThan(RateLimit other) => IntervalMicroseconds() > other.IntervalMicroseconds()
        || (IntervalMicroseconds() == other.IntervalMicroseconds() && EffectiveBurst() < other.EffectiveBurst());

    /// <summary>
    /// Parses the text form used in route metadata and the CLI: <c>N/s</c> or <c>N/min</c>, optionally followed by
    /// <c>;burst=B</c> (e.g. <c>600/min;burst=50</c>); <c>false</c> with a reason when it is not valid.
    /// </summary>
    public static bool TryParse(string? value, out RateLimit? limit, out string error)
    {
        limit = null;
        error = "must look like '100/s' or '600/min', optionally followed by ';burst=N'";
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        if (parts.Length > 2)
        {
            return false;
        }

        var rate = parts[0].Split('/', StringSplitOptions.TrimEntries);
        if (rate.Length != 2 || !int.TryParse(rate[0], NumberStyles.None, CultureInfo.InvariantCulture, out var requests)
            || requests is < 1 or > MaxValue)
        {
            return false;
        }

        int? burst = null;
        if (parts.Length == 2)
        {
            if (!parts[1].StartsWith("burst=", StringComparison.Ordinal)
                || !int.TryParse(parts[1].AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var b)
                || b is < 1 or > MaxValue)
            {
                return false;
            }

            burst = b;
        }

        limit = rate[1] switch
        {
            "s" => new RateLimit { RequestsPerSecond = requests, Burst = burst },
            "min" => new RateLimit { RequestsPerMinute = requests, Burst = burst },
            _ => null,
        };
        return limit is not null;
    }
}
