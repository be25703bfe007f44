namespace Gateway.SecretScanning;

/// <summary>
/// <c>Gateway:SecretScanning</c>: the GitHub secret-scanning partner endpoint (<c>POST /.gateway/secret-scanning/github</c>
/// on the proxy listener), which revokes <c>gwk_</c> tokens GitHub reports as leaked. Off by default.
/// </summary>
public sealed class SecretScanningOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:SecretScanning";

    /// <summary>GitHub's public-key document for secret scanning.</summary>
    public const string GitHubKeysUrl = "https://api.github.com/meta/public_keys/secret_scanning";

    /// <summary>Whether the endpoint exists. Default: <c>false</c> (404 like any unknown path).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Where GitHub's signing keys are fetched (JSON <c>{"public_keys":[{"key_identifier","key","is_current"}]}</c>);
    /// https, or http to a loopback address. Default: GitHub's. Empty: only <see cref="PublicKeys"/> are trusted.
    /// </summary>
    public string? PublicKeysUrl { get; set; } = GitHubKeysUrl;

    /// <summary>Signing keys trusted without fetching (ECDSA P-256, PEM), e.g. for an air-gapped gateway.</summary>
    public List<SecretScanningPublicKey> PublicKeys { get; set; } = [];

    /// <summary>How long fetched keys are used before they are fetched again. Default: 1 hour.</summary>
    public TimeSpan KeysCacheLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Least time between two fetches triggered by an unknown key identifier (so forged identifiers cannot make
    /// the gateway hammer GitHub). Default: 1 minute.
    /// </summary>
    public TimeSpan MinRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time limit of one key fetch. Default: 10 seconds.</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest report body accepted; a larger one is 413. Default: 1 MiB (1,000 tokens fit easily).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most tokens one report may carry; more is 400. Default: 1,000.</summary>
    public int MaxTokensPerReport { get; set; } = 1000;

    /// <summary>Reports accepted per <see cref="RateLimitWindow"/> (all callers together); more are 429. Default: 60.</summary>
    public int RateLimitPermits { get; set; } = 60;

    /// <summary>The rate limit's window. Default: 1 minute.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);
}
