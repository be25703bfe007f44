namespace Gateway.Errors;

/// <summary>
/// The machine-readable <c>code</c> of every problem the gateway returns (the error table of docs/API.md).
/// Published constants: clients and tests match on these.
/// </summary>
public static class ErrorCodes
{
    /// <summary>401: no credential of an accepted scheme was sent.</summary>
    public const string MissingCredentials = "missing_credentials";

    /// <summary>401: a credential was sent but is not well formed (bad prefix, length, checksum, scheme).</summary>
    public const string MalformedCredentials = "malformed_credentials";

    /// <summary>401: unknown key or wrong secret; the two are indistinguishable by design.</summary>
    public const string InvalidCredentials = "invalid_credentials";

    /// <summary>401: the key is past its expiry (said only after the secret was proven).</summary>
    public const string KeyExpired = "key_expired";

    /// <summary>401: the key was revoked (said only after the secret was proven).</summary>
    public const string KeyRevoked = "key_revoked";

    /// <summary>401: the owning account is disabled (said only after the secret was proven).</summary>
    public const string AccountDisabled = "account_disabled";

    /// <summary>401: the signing time lies outside the allowed clock skew, or <c>expires</c> has passed.</summary>
    public const string SignatureExpired = "signature_expired";

    /// <summary>401: the body does not match its signed digest.</summary>
    public const string DigestMismatch = "digest_mismatch";

    /// <summary>401: this signed request was already seen.</summary>
    public const string ReplayedRequest = "replayed_request";

    /// <summary>403: the client IP is outside the account's or key's allowlist.</summary>
    public const string IpNotAllowed = "ip_not_allowed";

    /// <summary>403: the principal lacks a scope the route requires.</summary>
    public const string InsufficientScope = "insufficient_scope";

    /// <summary>403: the principal may not act on the org or project the route names.</summary>
    public const string ProjectNotAllowed = "project_not_allowed";

    /// <summary>413: the body exceeds the configured limit.</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>503: the credential store or nonce cache cannot be reached; the gateway fails closed.</summary>
    public const string AuthUnavailable = "auth_unavailable";

    /// <summary>400: the request body is not valid JSON, has unknown fields or a query parameter is malformed.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>400: a field has an invalid value; the problem's <c>errors</c> names each field.</summary>
    public const string ValidationFailed = "validation_failed";

    /// <summary>404: no such resource (or no such route).</summary>
    public const string NotFound = "not_found";

    /// <summary>405: the resource exists but not with this method.</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>409: the request conflicts with current state (duplicate name, key already revoked).</summary>
    public const string Conflict = "conflict";

    /// <summary>415: the admin API takes <c>application/json</c> only.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>500: a bug; the body carries only the trace id.</summary>
    public const string InternalError = "internal_error";

    /// <summary>403: the admin call would assign, or act on an account holding, a scope the caller does not hold.</summary>
    public const string EscalationRefused = "escalation_refused";

    /// <summary>403: an account tried to change its own roles, status or allowed CIDRs, or to delete itself.</summary>
    public const string SelfChangeRefused = "self_change_refused";

    /// <summary>403: only a platform administrator (an org-wide account of the bootstrap org) may do this.</summary>
    public const string PlatformAdminRequired = "platform_admin_required";

    /// <summary>400: the request path has dot segments or encoded slashes, or an id of the wrong shape.</summary>
    public const string InvalidPath = "invalid_path";

    /// <summary>400: a request header cannot be accepted (a non-ASCII value, a malformed <c>X-Forwarded-For</c>).</summary>
    public const string InvalidHeader = "invalid_header";

    /// <summary>429: a rate limit of the account, key or route is exhausted; <c>Retry-After</c> says when to retry.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>429: a quota of the account or key is used up until its period (UTC day or month) ends.</summary>
    public const string QuotaExceeded = "quota_exceeded";

    /// <summary>503: Redis did not answer the rate limiter and <c>Gateway:RateLimiting:OnRedisFailure</c> is <c>closed</c>.</summary>
    public const string RateLimitUnavailable = "rate_limit_unavailable";

    /// <summary>401: a secret-scanning report's signature headers are missing, name an unknown key, or do not verify.</summary>
    public const string InvalidSignature = "invalid_signature";
}
