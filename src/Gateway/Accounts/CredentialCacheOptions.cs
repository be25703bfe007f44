namespace Gateway.Accounts;

/// <summary>
/// <c>Gateway:CredentialCache</c>: the per-replica cache of credentials in front of the account store. Entries are
/// dropped at once when a change is broadcast; these bounds only cover missed broadcasts.
/// </summary>
public sealed class CredentialCacheOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:CredentialCache";

    /// <summary>
    /// Longest time a found credential is served without asking the store again. Default 60 seconds. Each entry's
    /// own lifetime is drawn in [0.8 × this, this] (<see cref="CredentialCache.ExpirySpread"/>), so entries loaded
    /// together do not all go back to the store at the same instant.
    /// </summary>
    public TimeSpan EntryLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long an unknown key id is remembered as unknown. Zero disables negative caching. Default 60 seconds, the
    /// same as <see cref="EntryLifetime"/>: probing an id twice then takes the same path whether it exists or not (no
    /// existence oracle, docs/SECURITY.md). A created key is announced, so it never waits for this.
    /// </summary>
    public TimeSpan NegativeLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most found credentials held; beyond it new ones are not cached (after expired ones are swept). Default 100,000.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>Most unknown key ids held, kept apart so random tokens cannot evict real credentials. Default 100,000.</summary>
    public int MaxNegativeEntries { get; set; } = 100_000;

    /// <summary>
    /// Which store answers are cached: <see cref="CredentialCacheAdmission.Adaptive"/> (default: every one until the
    /// cache holds a quarter of <see cref="MaxEntries"/>, then only a key id that already missed recently),
    /// <see cref="CredentialCacheAdmission.Always"/> (every one while there is room), or
    /// <see cref="CredentialCacheAdmission.SecondSighting"/> (only a key id that already missed recently, from the
    /// first entry on). Found and unknown key ids alike.
    /// </summary>
    public CredentialCacheAdmission Admission { get; set; } = CredentialCacheAdmission.Adaptive;

    /// <summary>How often expired entries are swept and custom roles reloaded from the store. Default 30 seconds.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(30);
}
