using System.Text.Json.Serialization;

namespace Gateway.Accounts;

/// <summary>
/// A request quota per calendar period in UTC: exactly one of <see cref="PerDay"/> or <see cref="PerMonth"/>; the count
/// resets at 00:00 UTC of the next day or month. JSON shape: <c>{"perDay": 10000}</c>.
/// </summary>
public sealed record Quota
{
    /// <summary>The largest value any member accepts.</summary>
    public const long MaxValue = 1_000_000_000_000;

    /// <summary>Requests per UTC day; <c>null</c> when the quota is monthly.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? PerDay { get; init; }

    /// <summary>Requests per UTC calendar month; <c>null</c> when the quota is daily.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? PerMonth { get; init; }

    /// <summary>The number of requests per period.</summary>
    public long Limit() => PerDay ?? PerMonth ?? 0;

    /// <summary><c>true</c> for a monthly quota.</summary>
    public bool IsMonthly() => PerDay is null && PerMonth is not null;

    /// <summary>The start of the period containing <paramref name="now"/> (UTC).</summary>
    public DateTimeOffset PeriodStart(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return IsMonthly()
            ? new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero)
            : new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The end of the period containing <paramref name="now"/>: when the count resets.</summary>
    public DateTimeOffset PeriodEnd(DateTimeOffset now) =>
        IsMonthly() ? PeriodStart(now).AddMonths(1) : PeriodStart(now).AddDays(1);

    /// <summary>Whether this quota admits fewer requests than <paramref name="other"/> over a month.</summary>
    public bool IsTighterThan(Quota other) => MonthlyEquivalent() < other.MonthlyEquivalent();

    private decimal MonthlyEquivalent() => IsMonthly() ? Limit() : Limit() * 30m;
}
