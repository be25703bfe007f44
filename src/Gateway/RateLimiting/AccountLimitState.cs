using System.Runtime.InteropServices;
using Gateway.Accounts;

namespace Gateway.RateLimiting;

/// <summary>
/// Embedded mode: the counters of one account — its rate bucket (TAT), its keys' and routes' buckets, and the quota
/// counts of the current period. Every member is read and written under a lock on the instance, so one decision
/// (check every bucket, then charge them all) is atomic. After the first request of a key or route it allocates nothing.
/// </summary>
internal sealed class AccountLimitState
{
    private readonly Dictionary<string, long> _keyTats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _routeTats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QuotaCount> _keyQuotas = new(StringComparer.Ordinal);
    private long _accountTat;
    private QuotaCount _accountQuota;

    /// <summary>When the account was last judged (microseconds since the Unix epoch).</summary>
    public long LastUsed { get; private set; }

    /// <summary>Set once evicted: a decision that finds it takes a fresh state instead.</summary>
    public bool Evicted { get; set; }

    /// <summary>Whether a quota count still matters at <paramref name="now"/> (its period has not ended).</summary>
    public bool HoldsQuota(long now) => _accountQuota.PeriodEnd > now || _keyQuotas.Values.Any(q => q.PeriodEnd > now);

    /// <summary>Judges and (when admitted) charges one request; the caller holds the lock.</summary>
    /// <param name="plan">The limits.</param>
    /// <param name="now">Microseconds since the Unix epoch.</param>
    /// <param name="clock">The same instant, for the quota period.</param>
    /// <param name="divisor">1, or the replica count for the fail-open fallback (each replica its share).</param>
    public RateLimitDecision Decide(in LimitPlan plan, long now, DateTimeOffset clock, int divisor)
    {
        LastUsed = now;
        var report = new Report();
        ref var keyTat = ref plan.KeyRate is null ? ref _accountTat : ref CollectionsMarshal.GetValueRefOrAddDefault(_keyTats, plan.Credential.Key.Id, out _);
        ref var routeTat = ref plan.RouteRate is null ? ref _accountTat : ref CollectionsMarshal.GetValueRefOrAddDefault(_routeTats, plan.RouteId, out _);
        if (!Check(plan.AccountRate, _accountTat, now, divisor, ref report, out var accountNext)
            || !Check(plan.KeyRate, keyTat, now, divisor, ref report, out var keyNext)
            || !Check(plan.RouteRate, routeTat, now, divisor, ref report, out var routeNext))
        {
            return report.Refusal();
        }

        ref var keyQuota = ref plan.KeyQuota is null ? ref _accountQuota : ref CollectionsMarshal.GetValueRefOrAddDefault(_keyQuotas, plan.Credential.Key.Id, out _);
        if (!CheckQuota(plan.AccountQuota, ref _accountQuota, now, clock, divisor, ref report)
            || !CheckQuota(plan.KeyQuota, ref keyQuota, now, clock, divisor, ref report))
        {
            return report.Refusal();
        }

        if (plan.AccountRate is not null)
        {
            _accountTat = accountNext;
        }

        if (plan.KeyRate is not null)
        {
            keyTat = keyNext;
        }

        if (plan.RouteRate is not null)
        {
            routeTat = routeNext;
        }

        if (plan.AccountQuota is not null)
        {
            _accountQuota.Count++;
        }

        if (plan.KeyQuota is not null)
        {
            keyQuota.Count++;
        }

        return report.Admitted();
    }

    private static bool Check(RateLimit? rate, long tat, long now, int divisor, ref Report report, out long next)
    {
        next = 0;
        if (rate is null)
        {
            return true;
        }

        var interval = rate.IntervalMicroseconds() * divisor;
        var burst = Math.Max(1, rate.EffectiveBurst() / divisor);
        if (!Gcra.TryAcquire(tat, now, interval, burst, out next, out var remaining, out var wait))
        {
            report.RefuseRate(rate, wait);
            return false;
        }

        report.Rate(rate, remaining, wait);
        return true;
    }

    private static bool CheckQuota(Quota? quota, ref QuotaCount count, long now, DateTimeOffset clock, int divisor, ref Report report)
    {
        if (quota is null)
        {
            return true;
        }

        if (count.PeriodEnd <= now)
        {
            count = new QuotaCount(quota.PeriodEnd(clock).ToUnixTimeMilliseconds() * 1000, 0);
        }

        var limit = Math.Max(1, quota.Limit() / divisor);
        var untilReset = count.PeriodEnd - now;
        if (count.Count >= limit)
        {
            report.RefuseQuota(quota, untilReset);
            return false;
        }

        report.Quota(quota, limit - count.Count - 1, untilReset);
        return true;
    }

    private struct QuotaCount(long periodEnd, long count)
    {
        public long PeriodEnd = periodEnd;
        public long Count = count;
    }

    /// <summary>Collects the tightest rate and quota for the headers.</summary>
    private struct Report
    {
        private RateLimit? _rate;
        private long _rateRemaining;
        private long _rateReset;
        private Quota? _quota;
        private long _quotaRemaining;
        private long _quotaReset;
        private RateLimitOutcome _refusal;
        private long _retry;

        public void Rate(RateLimit rate, long remaining, long wait)
        {
            if (_rate is null || remaining < _rateRemaining)
            {
                (_rate, _rateRemaining, _rateReset) = (rate, remaining, wait);
            }
        }

        public void Quota(Quota quota, long remaining, long untilReset)
        {
            if (_quota is null || remaining < _quotaRemaining)
            {
                (_quota, _quotaRemaining, _quotaReset) = (quota, remaining, untilReset);
            }
        }

        public void RefuseRate(RateLimit rate, long wait)
        {
            (_rate, _rateRemaining, _rateReset) = (rate, 0, wait);
            (_refusal, _retry) = (RateLimitOutcome.RateLimited, wait);
        }

        public void RefuseQuota(Quota quota, long untilReset)
        {
            (_quota, _quotaRemaining, _quotaReset) = (quota, 0, untilReset);
            (_refusal, _retry) = (RateLimitOutcome.QuotaExceeded, untilReset);
        }

        public readonly RateLimitDecision Refusal() => Build(_refusal, RateLimitDecision.Seconds(_retry));

        public readonly RateLimitDecision Admitted() => Build(RateLimitOutcome.Admitted, 0);

        private readonly RateLimitDecision Build(RateLimitOutcome outcome, long retry) => new(outcome,
            _rate, _rateRemaining, RateLimitDecision.Seconds(_rateReset), _quota, _quotaRemaining, RateLimitDecision.Seconds(_quotaReset), retry);
    }
}
