using Gateway.Accounts;
using Gateway.Replay;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Gateway.RateLimiting;

/// <summary>
/// Redis mode: one <see cref="RateLimitScripts.Decide"/> per request, exact across replicas. A signed request whose
/// nonce was deferred (<see cref="DeferredReplay"/>) has it reserved by the same script: still one round trip. When
/// Redis does not answer: fail-open through <paramref name="fallback"/> (each limit ÷ replicas), or fail-closed; a
/// deferred nonce always fails closed (replay protection never opens).
/// </summary>
public sealed partial class RedisRateLimiter(
    IConnectionMultiplexer redis,
    RateLimitKeys keys,
    EmbeddedRateLimiter fallback,
    RateLimitingOptions options,
    RateLimitMetrics metrics,
    TimeProvider time,
    ILogger<RedisRateLimiter> logger)
{
    private long _lastWarning;

    /// <summary>Judges and charges one request (and reserves its deferred nonce).</summary>
    public async ValueTask<RateLimitDecision> DecideAsync(LimitPlan plan, DeferredReplay? replay)
    {
        if (plan.IsEmpty && replay is null)
        {
            return RateLimitDecision.None;
        }

        var accountId = plan.Credential.Account.Id;
        var clock = time.GetUtcNow();
        Span<RateLimit?> rates = [plan.AccountRate, plan.KeyRate, plan.RouteRate];
        Span<Quota?> quotas = [plan.AccountQuota, plan.KeyQuota];
        var rateCount = 0;
        var quotaCount = 0;
        foreach (var rate in rates)
        {
            rateCount += rate is null ? 0 : 1;
        }

        foreach (var quota in quotas)
        {
            quotaCount += quota is null ? 0 : 1;
        }

        var redisKeys = new RedisKey[(replay is null ? 0 : 1) + rateCount + quotaCount];
        var args = new RedisValue[3 + 2 * rateCount + 2 * quotaCount];
        var usedRates = new RateLimit[rateCount];
        var usedQuotas = new Quota[quotaCount];
        var k = 0;
        var a = 3;
        if (replay is not null)
        {
            redisKeys[k++] = keys.Nonce(accountId, replay.KeyId, replay.ReplayKey);
        }

        var r = 0;
        for (var i = 0; i < rates.Length; i++)
        {
            if (rates[i] is not { } rate)
            {
                continue;
            }

            redisKeys[k++] = i switch
            {
                0 => keys.AccountRate(accountId),
                1 => keys.KeyRate(accountId, plan.Credential.Key.Id),
                _ => keys.RouteRate(accountId, plan.RouteId),
            };
            args[a++] = rate.IntervalMicroseconds();
            args[a++] = rate.EffectiveBurst();
            usedRates[r++] = rate;
        }

        var q = 0;
        for (var i = 0; i < quotas.Length; i++)
        {
            if (quotas[i] is not { } quota)
            {
                continue;
            }

            var start = quota.PeriodStart(clock).ToUnixTimeSeconds();
            redisKeys[k++] = i == 0 ? keys.AccountQuota(accountId, start) : keys.KeyQuota(accountId, plan.Credential.Key.Id, start);
            args[a++] = quota.Limit();
            args[a++] = quota.PeriodEnd(clock).ToUnixTimeSeconds();
            usedQuotas[q++] = quota;
        }

        args[0] = rateCount;
        args[1] = quotaCount;
        args[2] = replay is null ? 0 : (long)Math.Ceiling(replay.Ttl.TotalMilliseconds);

        RedisResult[] result;
        try
        {
            result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(RateLimitScripts.Decide, redisKeys, args))!;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            metrics.RedisFailures.Inc();
            if (replay is not null || options.FailClosed)
            {
                Warn(ex, accountId, replay is not null ? "closed (signed request)" : "closed");
                return RateLimitDecision.None with { Outcome = RateLimitOutcome.Unavailable, RetryAfterSeconds = 1 };
            }

            Warn(ex, accountId, "open (local limiter)");
            metrics.Fallbacks.Inc();
            return fallback.Decide(plan);
        }

        return Interpret(result, usedRates, usedQuotas, clock);
    }

    /// <summary>Deletes a deferred nonce so the same signed request is accepted once more; failures leave it reserved.</summary>
    public async Task ReleaseAsync(string accountId, DeferredReplay replay)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(keys.Nonce(accountId, replay.KeyId, replay.ReplayKey));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The reservation stands: the retry is refused, never wrongly accepted.
            Warn(ex, accountId, "closed (nonce release)");
        }
    }

    private static RateLimitDecision Interpret(RedisResult[] result, RateLimit[] rates, Quota[] quotas, DateTimeOffset clock)
    {
        var outcome = (int)result[0];
        var index = (int)result[1];
        switch (outcome)
        {
            case 3:
                return RateLimitDecision.None with { Outcome = RateLimitOutcome.Replayed };
            case 1:
                var wait = (long)result[3];
                return RateLimitDecision.None with
                {
                    Outcome = RateLimitOutcome.RateLimited,
                    Rate = rates[index - 1],
                    RateResetSeconds = RateLimitDecision.Seconds(wait),
                    RetryAfterSeconds = RateLimitDecision.Seconds(wait),
                };
            case 2:
                var quota = quotas[index - 1];
                var reset = RateLimitDecision.Seconds((long)(quota.PeriodEnd(clock) - clock).TotalMicroseconds);
                return RateLimitDecision.None with
                {
                    Outcome = RateLimitOutcome.QuotaExceeded,
                    Quota = quota,
                    QuotaResetSeconds = reset,
                    RetryAfterSeconds = reset,
                };
        }

        var quotaIndex = (int)result[4];
        var reported = quotaIndex > 0 ? quotas[quotaIndex - 1] : null;
        return new RateLimitDecision(RateLimitOutcome.Admitted,
            index > 0 ? rates[index - 1] : null, (long)result[2], RateLimitDecision.Seconds((long)result[3]),
            reported, (long)result[5],
            reported is null ? 0 : RateLimitDecision.Seconds((long)(reported.PeriodEnd(clock) - clock).TotalMicroseconds), 0);
    }

    /// <summary>At most one warning per ten seconds: an outage must not flood the log.</summary>
    private void Warn(Exception exception, string accountId, string mode)
    {
        var now = time.GetTimestamp();
        var last = Volatile.Read(ref _lastWarning);
        if ((last == 0 || time.GetElapsedTime(last, now) >= TimeSpan.FromSeconds(10))
            && Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
        {
            LogUnavailable(logger, exception, accountId, mode);
        }
    }

    [LoggerMessage(EventId = EventIds.RateLimiting.RedisUnavailable, Level = LogLevel.Warning,
        Message = "Redis did not answer the rate limiter for account {AccountId}; failing {Mode}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string accountId, string mode);
}
