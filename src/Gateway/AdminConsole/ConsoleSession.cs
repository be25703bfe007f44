using Gateway.Client.Admin;

namespace Gateway.AdminConsole;

/// <summary>
/// One signed-in browser: the pasted API key (kept only here, in server memory), its timestamps, and at most one
/// secret waiting to be shown once.
/// </summary>
public sealed class ConsoleSession(string id, string apiKey, DateTimeOffset createdAt)
{
    private IssuedApiKey? _pendingSecret;
    private string? _flash;

    /// <summary>The opaque random id the cookie carries.</summary>
    public string Id { get; } = id;

    /// <summary>The administrator's API key; never sent to the browser.</summary>
    public string ApiKey { get; } = apiKey;

    /// <summary>When the administrator signed in.</summary>
    public DateTimeOffset CreatedAt { get; } = createdAt;

    private long _lastSeenTicks = createdAt.UtcTicks;

    /// <summary>The last request of this session (read and written from concurrent requests).</summary>
    public DateTimeOffset LastSeenAt
    {
        get => new(Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _lastSeenTicks, value.UtcTicks);
    }

    /// <summary>The key id the API key names (<c>ak_…</c>), for display; <c>null</c> when it does not look like a token.</summary>
    public string? KeyId { get; } = KeyIdOf(apiKey);

    /// <summary>Keeps <paramref name="key"/> for one read by <see cref="TakeSecret"/>.</summary>
    public void HoldSecret(IssuedApiKey key) => Volatile.Write(ref _pendingSecret, key);

    /// <summary>The held secret, removed by this read: a second call returns <c>null</c>.</summary>
    public IssuedApiKey? TakeSecret() => Interlocked.Exchange(ref _pendingSecret, null);

    /// <summary>A one-line message for the next page (e.g. "Key revoked").</summary>
    public void Flash(string message) => Volatile.Write(ref _flash, message);

    /// <summary>The message set by <see cref="Flash"/>, removed by this read.</summary>
    public string? TakeFlash() => Interlocked.Exchange(ref _flash, null);

    private static string? KeyIdOf(string token) =>
        token.Length == 70 && token.StartsWith("gwk_", StringComparison.Ordinal) && token[20] == '_'
            ? "ak_" + token[4..20]
            : null;
}
