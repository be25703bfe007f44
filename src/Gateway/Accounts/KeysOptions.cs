namespace Gateway.Accounts;

/// <summary><c>Gateway:Keys</c>: how keys are hashed.</summary>
public sealed class KeysOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Keys";

    /// <summary>
    /// Base64 of at least 32 random bytes: the HMAC key bearer tokens are hashed under. When unset, the embedded mode
    /// creates <c>token-hash.key</c> (mode 0600) in the data directory. Every replica must share it; changing it
    /// invalidates every bearer key issued under the old one.
    /// </summary>
    public string? HashKey { get; set; }

    /// <summary>
    /// Longest lifetime a new key may have (like cloud providers' key-expiry constraints). When set, a key created
    /// or renewed without <c>expiresAt</c> expires after this long, and a later <c>expiresAt</c> is refused with 400.
    /// Default: unset, keys may live forever.
    /// </summary>
    public TimeSpan? MaxLifetime { get; set; }

    /// <summary>
    /// Longest grace period a renewal may give the old key (<c>gracePeriod</c> of
    /// <c>POST …/keys/{keyId}/renew</c>); a longer one is refused with 400. Default: 24 hours.
    /// </summary>
    public TimeSpan MaxRenewGrace { get; set; } = TimeSpan.FromHours(24);
}
