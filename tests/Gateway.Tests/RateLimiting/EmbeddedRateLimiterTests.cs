using Gateway.Accounts;
using Gateway.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.RateLimiting;

public sealed class EmbeddedRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 29, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AccountRate_CountsEveryKeyTogether_AndRollsOverWithTheClock()
    {
        var limiter = NewLimiter();
        var account = Account(new RateLimit { RequestsPerMinute = 6 });
        var first = Plan(account, Key(account, "ak_aaaaaaaaaaaaaaaa"));
        var second = Plan(account, Key(account, "ak_bbbbbbbbbbbbbbbb"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(RateLimitOutcome.Admitted, limiter.Decide(first).Outcome);
            Assert.Equal(RateLimitOutcome.Admitted, limiter.Decide(second).Outcome);
        }

        var refused = limiter.Decide(first);
        Assert.Equal(RateLimitOutcome.RateLimited, refused.Outcome);
        Assert.Equal(10, refused.RetryAfterSeconds);

        _clock.Advance(TimeSpan.FromSeconds(10));
        var admitted = limiter.Decide(second);
        Assert.Equal(RateLimitOutcome.Admitted, admitted.Outcome);
        Assert.Equal(0, admitted.RateRemaining);
        Assert.Equal(RateLimitOutcome.RateLimited, limiter.Decide(first).Outcome);
    }

    [Fact]
    public void KeyRate_IsTighterThanTheAccount_AndARefusalChargesNothing()
    {
        var limiter = NewLimiter();
        var account = Account(new RateLimit { RequestsPerSecond = 100 });
        var tight = Plan(account, Key(account, "ak_aaaaaaaaaaaaaaaa") with { RateLimit = new RateLimit { RequestsPerSecond = 1, Burst = 2 } });
        var free = Plan(account, Key(account, "ak_bbbbbbbbbbbbbbbb"));
        Assert.Equal(RateLimitOutcome.Admitted, limiter.Decide(tight).Outcome);
        Assert.Equal(RateLimitOutcome.Admitted, limiter.Decide(tight).Outcome);
        Assert.Equal(RateLimitOutcome.RateLimited, limiter.Decide(tight).Outcome);

        // The account's 100 are intact: 2 spent, 98 remain for the other key.
        var other = limiter.Decide(free);
        Assert.Equal(RateLimitOutcome.Admitted, other.Outcome);
        Assert.Equal(97, other.RateRemaining);
    }

    [Fact]
    public void DailyQuota_ResetsAtUtcMidnight()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 1, 31, 23, 59, 0, TimeSpan.Zero));
        var limiter = NewLimiter();
        var account = Account(null) with { Quota = new Quota { PerDay = 3 } };
        var plan = Plan(account, Key(account, "ak_aaaaaaaaaaaaaaaa"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(RateLimitOutcome.Admitted, limiter.Decide(plan).Outcome);
        }

        var refused = limiter.Decide(plan);
        Assert.Equal(RateLimitOutcome.QuotaExceeded, refused.Outcome);
        Assert.Equal(60, refused.RetryAfterSeconds);

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(RateLimitOutcome.QuotaExceeded, limiter.Decide(plan).Outcome);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = limiter.Decide(plan);
        Assert.Equal(RateLimitOutcome.Admitted, fresh.Outcome);
        Assert.Equal(2, fresh.QuotaRemaining);
        Assert.Equal(86_400, fresh.QuotaResetSeconds);
    }

    [Fact]
    public void MonthlyQuota_ResetsAtTheFirstOfTheMonth_NotAtMidnight()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 1, 30, 12, 0, 0, TimeSpan.Zero));
        var limiter = NewLimiter();
        var account = Account(null) with { Quota = new Quota { PerMonth = 1 } };
        var plan = Plan(account, Key(account, "ak_aaaaaaaaaaaaaaaa"));
        Assert.Equal(RateLimitOutcome.Admitted, limiter.Decide(plan).Outcome);
        _clock.SetUtcNow(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(RateLimitOutcome.QuotaExceeded, limiter.Decide(plan).Outcome);
        _clock.SetUtcNow(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(RateLimitOutcome.Admitted, limiter.Decide(plan).Outcome);
    }

    [Fact]
    public void RouteCeiling_AppliesPerAccountAndRoute_AndTheDefaultOnlyWithoutAnAccountRate()
    {
        var limiter = NewLimiter();
        var route = new RouteRateLimits(new RateLimit { RequestsPerSecond = 1 }, new RateLimit { RequestsPerSecond = 2 });
        var unlimited = Account(null);
        var limited = Account(new RateLimit { RequestsPerSecond = 50 }) with { Id = "sa_bbbbbbbbbbbbbbbb" };

        var byDefault = new LimitPlan(new Credential(Key(unlimited, "ak_aaaaaaaaaaaaaaaa"), unlimited), "r", route);
        Assert.Equal(1, byDefault.RouteRate!.RequestsPerSecond);
        Assert.Equal(RateLimitOutcome.Admitted, limiter.Decide(byDefault).Outcome);
        Assert.Equal(RateLimitOutcome.RateLimited, limiter.Decide(byDefault).Outcome);

        var byCeiling = new LimitPlan(new Credential(Key(limited, "ak_bbbbbbbbbbbbbbbb"), limited), "r", route);
        Assert.Equal(2, byCeiling.RouteRate!.RequestsPerSecond);
        Assert.Equal(RateLimitOutcome.Admitted, limiter.Decide(byCeiling).Outcome);
        Assert.Equal(RateLimitOutcome.Admitted, limiter.Decide(byCeiling).Outcome);
        Assert.Equal(RateLimitOutcome.RateLimited, limiter.Decide(byCeiling).Outcome);

        // Another route of the same account has its own bucket.
        var elsewhere = new LimitPlan(new Credential(Key(limited, "ak_bbbbbbbbbbbbbbbb"), limited), "other", route);
        Assert.Equal(RateLimitOutcome.Admitted, limiter.Decide(elsewhere).Outcome);
    }

    [Fact]
    public void FallbackShare_DividesTheLimitAmongReplicas()
    {
        var limiter = new EmbeddedRateLimiter(_clock, divisor: 3, maxAccounts: 10, TimeSpan.FromMinutes(1));
        var account = Account(new RateLimit { RequestsPerMinute = 30 });
        var plan = Plan(account, Key(account, "ak_aaaaaaaaaaaaaaaa"));
        var admitted = Enumerable.Range(0, 30).Count(_ => limiter.Decide(plan).Outcome == RateLimitOutcome.Admitted);
        Assert.Equal(10, admitted);
    }

    [Fact]
    public void IdleAccounts_AreEvicted_ButNotWhileTheirQuotaPeriodRuns()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 1, 30, 12, 0, 0, TimeSpan.Zero));
        var limiter = new EmbeddedRateLimiter(_clock, 1, maxAccounts: 1000, TimeSpan.FromMinutes(1));
        var rated = Account(new RateLimit { RequestsPerSecond = 1 });
        var quoted = Account(null) with { Id = "sa_bbbbbbbbbbbbbbbb", Quota = new Quota { PerDay = 1 } };
        limiter.Decide(Plan(rated, Key(rated, "ak_aaaaaaaaaaaaaaaa")));
        limiter.Decide(Plan(quoted, Key(quoted, "ak_bbbbbbbbbbbbbbbb")));
        Assert.Equal(2, limiter.Count);

        _clock.Advance(TimeSpan.FromSeconds(30));
        var third = Account(new RateLimit { RequestsPerSecond = 1 }) with { Id = "sa_cccccccccccccccc" };
        limiter.Decide(Plan(third, Key(third, "ak_cccccccccccccccc")));
        Assert.Equal(3, limiter.Count);

        _clock.Advance(TimeSpan.FromSeconds(31));
        limiter.Decide(Plan(third, Key(third, "ak_cccccccccccccccc")));
        Assert.Equal(2, limiter.Count);
        Assert.Equal(RateLimitOutcome.QuotaExceeded, limiter.Decide(Plan(quoted, Key(quoted, "ak_bbbbbbbbbbbbbbbb"))).Outcome);
    }

    private EmbeddedRateLimiter NewLimiter() => new(_clock, 1, 1000, TimeSpan.FromMinutes(10));

    private static LimitPlan Plan(ServiceAccount account, ApiKey key) => new(new Credential(key, account), "route", RouteRateLimits.None);

    private ServiceAccount Account(RateLimit? rate) => new()
    {
        Id = "sa_aaaaaaaaaaaaaaaa",
        Name = "limited",
        OrgId = "acme",
        Roles = [],
        AllowedCidrs = [],
        Status = AccountStatus.Active,
        CreatedAt = _clock.GetUtcNow(),
        UpdatedAt = _clock.GetUtcNow(),
        RateLimit = rate,
    };

    private ApiKey Key(ServiceAccount account, string id) => new()
    {
        Id = id,
        AccountId = account.Id,
        Kind = KeyKind.Bearer,
        Fingerprint = "SHA256:x",
        SecretHash = [1],
        AllowedCidrs = [],
        CreatedAt = _clock.GetUtcNow(),
    };
}
