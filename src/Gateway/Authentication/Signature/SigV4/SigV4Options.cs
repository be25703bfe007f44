namespace Gateway.Authentication.Signature.SigV4;

/// <summary><c>Gateway:Signing:SigV4</c>: which credential scopes the gateway accepts.</summary>
public sealed class SigV4Options
{
    private static readonly string[] DefaultRegions = ["us-east-1"];
    private static readonly string[] DefaultServices = ["gateway"];

    /// <summary>Accepted regions. Empty (default) means <c>us-east-1</c>.</summary>
    public List<string> Regions { get; set; } = [];

    /// <summary>Accepted service names. Empty (default) means <c>gateway</c>.</summary>
    public List<string> Services { get; set; } = [];

    /// <summary>
    /// How the canonical URI is built: <c>Normalized</c> (default; AWS SDKs, botocore, the AWS test suite) or
    /// <c>AsSent</c> (curl 7.x <c>--aws-sigv4</c>, which signs a percent-encoded path as sent). Paths without
    /// percent-encoding verify either way. One mode is in force: falling back from one to the other would let a
    /// signature for <c>/a%20b</c> pass for <c>/a%2520b</c>.
    /// </summary>
    public Gateway.Signing.SigV4.SigV4PathMode PathMode { get; set; } = Gateway.Signing.SigV4.SigV4PathMode.Normalized;

    /// <summary>The regions in force.</summary>
    public IReadOnlyList<string> EffectiveRegions => Regions.Count == 0 ? DefaultRegions : Regions;

    /// <summary>The service names in force.</summary>
    public IReadOnlyList<string> EffectiveServices => Services.Count == 0 ? DefaultServices : Services;

    /// <summary>Whether <paramref name="region"/> and <paramref name="service"/> are in force (ordinal; no allocation).</summary>
    public bool Accepts(string region, string service) => Contains(EffectiveRegions, region) && Contains(EffectiveServices, service);

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
