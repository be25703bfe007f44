using Gateway.Accounts;
using Microsoft.AspNetCore.Http;

namespace Gateway.Replay;

/// <summary>
/// Lets a later pipeline stage reserve a signed request's nonce together with its own Redis work (the rate limiter:
/// one script, one round trip). Signature authentication asks before reserving the nonce itself.
/// </summary>
public interface IReplayDeferral
{
    /// <summary>
    /// <c>true</c> when the reservation was taken over: a <see cref="DeferredReplay"/> feature is set on
    /// <paramref name="context"/> and the stage that set it up guarantees to reserve it (or refuse the request).
    /// </summary>
    bool TryDefer(HttpContext context, Credential credential, ReadOnlyMemory<char> replayKey, string scheme, TimeSpan ttl);
}
