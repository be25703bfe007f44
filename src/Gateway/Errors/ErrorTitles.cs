namespace Gateway.Errors;

/// <summary>The short, stable human title of each error code.</summary>
public static class ErrorTitles
{
    /// <summary>The title for <paramref name="code"/>; a generic one for codes without their own.</summary>
    public static string For(string code) => code switch
    {
        ErrorCodes.MissingCredentials => "Authentication required",
        ErrorCodes.MalformedCredentials => "Malformed credentials",
        ErrorCodes.InvalidCredentials => "Invalid credentials",
        ErrorCodes.KeyExpired => "Key expired",
        ErrorCodes.KeyRevoked => "Key revoked",
        ErrorCodes.AccountDisabled => "Account disabled",
        ErrorCodes.SignatureExpired => "Signature expired",
        ErrorCodes.DigestMismatch => "Digest mismatch",
        ErrorCodes.ReplayedRequest => "Replayed request",
        ErrorCodes.IpNotAllowed => "IP address not allowed",
        ErrorCodes.InsufficientScope => "Insufficient scope",
        ErrorCodes.ProjectNotAllowed => "Project not allowed",
        ErrorCodes.PayloadTooLarge => "Payload too large",
        ErrorCodes.AuthUnavailable => "Authentication unavailable",
        ErrorCodes.InvalidRequest => "Invalid request",
        ErrorCodes.ValidationFailed => "Validation failed",
        ErrorCodes.NotFound => "Not found",
        ErrorCodes.MethodNotAllowed => "Method not allowed",
        ErrorCodes.Conflict => "Conflict",
        ErrorCodes.UnsupportedMediaType => "Unsupported media type",
        ErrorCodes.EscalationRefused => "Escalation refused",
        ErrorCodes.SelfChangeRefused => "Self change refused",
        ErrorCodes.PlatformAdminRequired => "Platform administrator required",
        ErrorCodes.InvalidPath => "Invalid path",
        ErrorCodes.InvalidHeader => "Invalid header",
        ErrorCodes.RateLimited => "Rate limit exceeded",
        ErrorCodes.QuotaExceeded => "Quota exceeded",
        ErrorCodes.RateLimitUnavailable => "Rate limiting unavailable",
        ErrorCodes.InvalidSignature => "Invalid signature",
        _ => "Internal error",
    };
}
