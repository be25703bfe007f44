namespace Gateway.RateLimiting;

/// <summary>The Lua script of Redis mode: one per decision, every key in the account's Cluster slot.</summary>
public static class RateLimitScripts
{
    /// <summary>
    /// KEYS: [nonce key when ARGV[3] &gt; 0], then ARGV[1] rate buckets, then ARGV[2] quota counters.
    /// ARGV: rates, quotas, nonce TTL in ms (0: no nonce), then per rate: interval µs, burst; then per quota: limit,
    /// period end (Unix seconds). Time is Redis's own (<c>TIME</c>), so every replica judges on the same clock.
    /// Nothing is written unless everything admits: a refused request consumes nothing and keeps its nonce free.
    /// Returns {outcome, index, remaining, wait µs, quota index, quota remaining}: outcome 0 admitted, 1 rate limited
    /// (index = the refusing rate, wait = µs until a retry is admitted), 2 quota exceeded (index = the quota),
    /// 3 replayed nonce. When admitted, index/remaining/wait describe the rate with the fewest remaining requests
    /// (wait = µs until it is full again) and the last two the quota with the fewest remaining.
    /// </summary>
    public const string Decide = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local nr = tonumber(ARGV[1])
        local nq = tonumber(ARGV[2])
        local ttl = tonumber(ARGV[3])
        local k = 0
        if ttl > 0 then
          if redis.call('EXISTS', KEYS[1]) == 1 then return {3, 0, 0, 0, 0, 0} end
          k = 1
        end
        local tats = {}
        local ri, rrem, rwait = 0, -1, 0
        for i = 1, nr do
          local interval = tonumber(ARGV[2 + 2 * i])
          local burst = tonumber(ARGV[3 + 2 * i])
          local tat = tonumber(redis.call('GET', KEYS[k + i]) or '0')
          if tat < now then tat = now end
          local nxt = tat + interval
          local allow = nxt - burst * interval
          if now < allow then return {1, i, 0, allow - now, 0, 0} end
          tats[i] = nxt
          local rem = math.floor((now - allow) / interval)
          if rrem < 0 or rem < rrem then ri, rrem, rwait = i, rem, nxt - now end
        end
        local qi, qrem = 0, -1
        local qa = 4 + 2 * nr
        for j = 1, nq do
          local limit = tonumber(ARGV[qa + 2 * (j - 1)])
          local count = tonumber(redis.call('GET', KEYS[k + nr + j]) or '0')
          if count >= limit then return {2, j, 0, 0, j, 0} end
          local rem = limit - count - 1
          if qrem < 0 or rem < qrem then qi, qrem = j, rem end
        end
        if ttl > 0 then redis.call('SET', KEYS[1], '1', 'PX', ttl) end
        for i = 1, nr do
          redis.call('SET', KEYS[k + i], string.format('%d', tats[i]), 'PX', math.floor((tats[i] - now) / 1000) + 1000)
        end
        for j = 1, nq do
          redis.call('INCR', KEYS[k + nr + j])
          redis.call('EXPIREAT', KEYS[k + nr + j], ARGV[qa + 2 * (j - 1) + 1] + 86400)
        end
        return {0, ri, rrem, rwait, qi, qrem}
        """;
}
