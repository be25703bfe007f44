namespace Gateway.Audit;

/// <summary>
/// One key's use since the previous flush: requests, how many of them were denied, and the latest use. Written as
/// the key's <c>lastUsedAt</c> and added to its per-minute usage row. A struct: a flush reads one per key used since the
/// previous one, hundreds under load.
/// </summary>
/// <param name="KeyId">The key.</param>
/// <param name="Requests">Proxied requests made with it.</param>
/// <param name="Denied">Of those, refused by the gateway after authentication (401, 403).</param>
/// <param name="LastUsed">The latest of them.</param>
public readonly record struct KeyUsage(string KeyId, long Requests, long Denied, DateTimeOffset LastUsed);
