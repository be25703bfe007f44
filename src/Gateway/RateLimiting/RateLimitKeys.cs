using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Gateway.RateLimiting;

/// <summary>
/// The Redis keys of the limiter, all under the account's hash tag — the slot of the account's own records
/// (<c>{prefix}{sa_X}:…</c>, see the account store's key layout) — so one script can touch them on Redis Cluster:
/// <list type="bullet">
/// <item><c>{prefix}{sa_X}:rl:a</c>, <c>…:rl:k:ak_Y</c>, <c>…:rl:r:ROUTE</c> — string: a rate bucket's TAT (µs).</item>
/// <item><c>{prefix}{sa_X}:q:a:PERIOD</c>, <c>…:q:k:ak_Y:PERIOD</c> — string: a quota's count in the period starting
/// at Unix second PERIOD.</item>
/// <item><c>{prefix}{sa_X}:nonce:ak_Y:HASH</c> — a signed request's nonce reserved by the same script.</item>
/// </list>
/// </summary>
public sealed class RateLimitKeys(string prefix)
{
    /// <summary>The account's rate bucket.</summary>
    public RedisKey AccountRate(string accountId) => $"{prefix}{{{accountId}}}:rl:a";

    /// <summary>A key's rate bucket.</summary>
    public RedisKey KeyRate(string accountId, string keyId) => $"{prefix}{{{accountId}}}:rl:k:{keyId}";

    /// <summary>The account's bucket on a route.</summary>
    public RedisKey RouteRate(string accountId, string routeId) => $"{prefix}{{{accountId}}}:rl:r:{routeId}";

    /// <summary>The account's quota count for the period starting at <paramref name="periodStart"/>.</summary>
    public RedisKey AccountQuota(string accountId, long periodStart) => $"{prefix}{{{accountId}}}:q:a:{periodStart}";

    /// <summary>A key's quota count for the period starting at <paramref name="periodStart"/>.</summary>
    public RedisKey KeyQuota(string accountId, string keyId, long periodStart) => $"{prefix}{{{accountId}}}:q:k:{keyId}:{periodStart}";

    /// <summary>A deferred nonce: the key id and the base64url SHA-256 of the replay key, in the account's slot.</summary>
    public RedisKey Nonce(string accountId, string keyId, string replayKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(replayKey), hash);
        return string.Concat(prefix, "{", accountId, "}:nonce:", keyId, ":", Base64Url.EncodeToString(hash));
    }
}
