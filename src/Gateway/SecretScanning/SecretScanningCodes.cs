using Gateway.Errors;

namespace Gateway.SecretScanning;

/// <summary>The problem codes of the secret-scanning endpoint besides the shared ones.</summary>
public static class SecretScanningCodes
{
    /// <summary>401: the report's signature headers are missing, name an unknown key, or do not verify.</summary>
    public const string InvalidSignature = ErrorCodes.InvalidSignature;

    /// <summary>429: too many reports from this address in the window; <c>Retry-After</c> says when to retry.</summary>
    public const string RateLimited = ErrorCodes.RateLimited;
}
