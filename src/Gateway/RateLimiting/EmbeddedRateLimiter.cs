using System.Collections.Concurrent;

namespace Gateway.RateLimiting;

/// <summary>
/// The in-process limiter: exact on one replica, allocation-free per request once an account is tracked (a lock on the
/// account's <see cref="AccountLimitState"/>, no store). Bounded by <see cref="RateLimitingOptions.MaxAccounts"/>;
/// accounts idle for <see cref="RateLimitingOptions.IdleTimeout"/> are evicted (those whose quota period still runs
/// only when the table is full). Also the fail-open fallback of Redis mode, then with each limit divided by the
/// replica count.
/// </summary>
public sealed class EmbeddedRateLimiter
{
    private readonly ConcurrentDictionary<string, AccountLimitState> _accounts = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _divisor;
    private readonly int _maxAccounts;
    private readonly long _idle;
    private long _nextSweep;
    private long _nextFullSweep;
    private int _sweeping;

    /// <summary>Creates a limiter; <paramref name="divisor"/> divides every limit (1 for the embedded mode itself).</summary>
    public EmbeddedRateLimiter(TimeProvider time, int divisor, int maxAccounts, TimeSpan idleTimeout)
    {
        _time = time;
        _divisor = Math.Max(1, divisor);
        _maxAccounts = maxAccounts;
        _idle = (long)idleTimeout.TotalMicroseconds;
    }

    /// <summary>How many accounts are tracked.</summary>
    public int Count => _accounts.Count;

    /// <summary>Judges and charges one request.</summary>
    public RateLimitDecision Decide(in LimitPlan plan)
    {
        if (plan.IsEmpty)
        {
            return RateLimitDecision.None;
        }

        var clock = _time.GetUtcNow();
        var now = (clock.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        if (now >= Volatile.Read(ref _nextSweep))
        {
            Sweep(now);
        }

        while (true)
        {
            if (!_accounts.TryGetValue(plan.Credential.Account.Id, out var state))
            {
                // Only for an account not tracked yet: Count takes every lock of the dictionary.
                if (_accounts.Count >= _maxAccounts && now >= Volatile.Read(ref _nextFullSweep))
                {
                    Sweep(now);
                }

                state = _accounts.GetOrAdd(plan.Credential.Account.Id, static _ => new AccountLimitState());
            }

            lock (state)
            {
                if (!state.Evicted)
                {
                    return state.Decide(plan, now, clock, _divisor);
                }
            }
        }
    }

    private void Sweep(long now)
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            Volatile.Write(ref _nextSweep, now + Math.Max(_idle / 4, 1_000_000));
            Volatile.Write(ref _nextFullSweep, now + 1_000_000);
            var full = _accounts.Count >= _maxAccounts;
            foreach (var (id, state) in _accounts)
            {
                lock (state)
                {
                    if (now - state.LastUsed >= _idle && (full || !state.HoldsQuota(now)))
                    {
                        state.Evicted = true;
                        _accounts.TryRemove(id, out _);
                    }
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
