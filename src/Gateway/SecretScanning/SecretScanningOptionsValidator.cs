using System.Net;
using Microsoft.Extensions.Options;

namespace Gateway.SecretScanning;

/// <summary>Checks <c>Gateway:SecretScanning</c> at start-up.</summary>
public sealed class SecretScanningOptionsValidator : IValidateOptions<SecretScanningOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SecretScanningOptions options)
    {
        var failures = new List<string>();
        if (options.PublicKeysUrl is { Length: > 0 } url && !IsAllowedUrl(url))
        {
            failures.Add("Gateway:SecretScanning:PublicKeysUrl must be an https URL (http only to a loopback address).");
        }

        for (var i = 0; i < options.PublicKeys.Count; i++)
        {
            var key = options.PublicKeys[i];
            if (string.IsNullOrWhiteSpace(key.KeyIdentifier) || key.KeyIdentifier.Length > 512)
            {
                failures.Add($"Gateway:SecretScanning:PublicKeys:{i}:KeyIdentifier is required (at most 512 characters).");
            }

            if (SigningKeys.TryImport(key.Key) is null)
            {
                failures.Add($"Gateway:SecretScanning:PublicKeys:{i}:Key must be an ECDSA P-256 public key in PEM.");
            }
        }

        if (options.Enabled && options.PublicKeys.Count == 0 && string.IsNullOrEmpty(options.PublicKeysUrl))
        {
            failures.Add("Gateway:SecretScanning needs PublicKeysUrl or PublicKeys when Enabled.");
        }

        if (options.KeysCacheLifetime < TimeSpan.FromSeconds(1) || options.MinRefreshInterval < TimeSpan.Zero
            || options.FetchTimeout <= TimeSpan.Zero || options.FetchTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("Gateway:SecretScanning: KeysCacheLifetime must be at least 1 s, MinRefreshInterval not negative, FetchTimeout between 0 and 2 minutes.");
        }

        if (options.MaxBodyBytes is < 1024 or > 16 * 1024 * 1024 || options.MaxTokensPerReport is < 1 or > 10_000)
        {
            failures.Add("Gateway:SecretScanning: MaxBodyBytes must be 1 KiB to 16 MiB, MaxTokensPerReport 1 to 10,000.");
        }

        if (options.RateLimitPermits < 1 || options.RateLimitWindow <= TimeSpan.Zero)
        {
            failures.Add("Gateway:SecretScanning: RateLimitPermits must be at least 1 and RateLimitWindow positive.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }

    private static bool IsAllowedUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps
            || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)))));
}
