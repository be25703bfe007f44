using Gateway.Accounts;
using Gateway.Replay;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace Gateway.RateLimiting;

/// <summary>
/// The limiter of this process: Redis mode (<see cref="RedisRateLimiter"/>) or embedded mode
/// (<see cref="EmbeddedRateLimiter"/>). Also takes over nonce reservation of signed requests on limited routes in
/// Redis mode (<see cref="IReplayDeferral"/>), so such a request still makes one Redis round trip.
/// </summary>
public sealed class GatewayRateLimiter(EmbeddedRateLimiter embedded, RedisRateLimiter? redis, bool defersNonces) : IReplayDeferral
{
    /// <summary><c>true</c> in Redis mode.</summary>
    public bool IsRedis => redis is not null;

    /// <summary>Judges and charges one request.</summary>
    public ValueTask<RateLimitDecision> DecideAsync(LimitPlan plan, DeferredReplay? replay) =>
        redis is not null ? redis.DecideAsync(plan, replay) : ValueTask.FromResult(embedded.Decide(plan));

    /// <summary>Frees a deferred nonce (a retry of an idempotent SigV4 request that got no upstream answer).</summary>
    public Task ReleaseAsync(string accountId, DeferredReplay replay) =>
        redis is not null ? redis.ReleaseAsync(accountId, replay) : Task.CompletedTask;

    /// <inheritdoc />
    public bool TryDefer(HttpContext context, Credential credential, ReadOnlyMemory<char> replayKey, string scheme, TimeSpan ttl)
    {
        if (!defersNonces || context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not { } route
            || new LimitPlan(credential, route.Config.RouteId, RouteRateLimits.For(route.Config)).IsEmpty)
        {
            return false;
        }

        context.Features.Set(new DeferredReplay(credential.Key.Id, replayKey.ToString(), scheme, ttl));
        return true;
    }
}
