namespace Gateway.Accounts;

/// <summary>
/// <c>Gateway:CredentialCache:Admission</c>: which store answers the credential cache keeps. Every answer is served
/// either way; the policy only decides whether it is also cached. Found credentials and unknown key ids follow the
/// same policy, so a probed id takes the same path whether it exists or not (docs/SECURITY.md).
/// </summary>
public enum CredentialCacheAdmission
{
    /// <summary>Every store answer is cached (while there is room).</summary>
    Always,

    /// <summary>
    /// A store answer is cached only when its key id already missed recently (TinyLFU's "doorkeeper"): a key used once
    /// costs no entry, a key used again is cached from its second miss on. "Recently" is the last two generations of a
    /// fixed-size table of key-id hashes (<see cref="CredentialCacheDoorkeeper"/>), each generation
    /// <see cref="CredentialCacheOptions.MaxEntries"/> ÷ 2 first sightings long.
    /// </summary>
    SecondSighting,

    /// <summary>
    /// The default: <see cref="Always"/> while the cache holds fewer found credentials than
    /// <see cref="CredentialCacheOptions.MaxEntries"/> × <see cref="CredentialCache.AdmitAllShare"/> (a quarter),
    /// <see cref="SecondSighting"/> from there on. A replica whose keys fit in a quarter of the cache behaves as under
    /// <see cref="Always"/> (no extra store read); one facing a key stream wider than the cache keeps only the keys that
    /// come back, instead of filling the cache with keys used once. The fill decides before the answer is looked at,
    /// and it counts found credentials only, so unknown key ids neither take another path nor move the threshold.
    /// </summary>
    Adaptive,
}
