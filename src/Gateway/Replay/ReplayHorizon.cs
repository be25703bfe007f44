namespace Gateway.Replay;

/// <summary>
/// In embedded mode the nonce store lives in process memory and a restart empties it. The horizon is the latest
/// signing time an earlier process of this data directory may have accepted; a signed request created before it is
/// refused as a possible replay (<c>replayed_request</c>) — a signature is only ever accepted by the process that
/// could have remembered it. <see cref="ReplayHorizonKeeper"/> sets it at start-up; with Redis nonces there is none.
/// </summary>
public sealed class ReplayHorizon
{
    private long _horizonMs = long.MinValue;

    /// <summary>The horizon, or <c>null</c> when no earlier process could have accepted anything.</summary>
    public DateTimeOffset? Horizon => _horizonMs == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(_horizonMs);

    /// <summary><c>true</c> when a request signed at <paramref name="signedAt"/> may already have been accepted by an earlier process.</summary>
    public bool Refuses(DateTimeOffset signedAt) => signedAt.ToUnixTimeMilliseconds() < Volatile.Read(ref _horizonMs);

    /// <summary>Sets the horizon (once, at start-up).</summary>
    public void Set(DateTimeOffset horizon) => Volatile.Write(ref _horizonMs, horizon.ToUnixTimeMilliseconds());
}
