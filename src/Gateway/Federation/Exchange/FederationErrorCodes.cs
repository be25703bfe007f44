using Gateway.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Federation.Exchange;

/// <summary>
/// The problem <c>code</c>s of <c>POST /.gateway/token</c> and the RFC 6749 <c>error</c> each one carries. Every
/// answer is <c>application/problem+json</c> with both members, so OAuth clients and gateway clients each find theirs.
/// </summary>
public static class FederationErrorCodes
{
    /// <summary>The id_token is malformed, badly signed, of a refused algorithm or issuer, expired or not yet valid (401, invalid_grant).</summary>
    public const string InvalidSubjectToken = "invalid_subject_token";

    /// <summary>No trust policy accepts the token (401, invalid_grant) — never says which policies exist.</summary>
    public const string NoMatchingPolicy = "no_matching_trust_policy";

    /// <summary>The id_token's <c>jti</c> was exchanged before (401, invalid_grant).</summary>
    public const string ReplayedToken = ErrorCodes.ReplayedRequest;

    /// <summary>The grant type is not token exchange (400, unsupported_grant_type).</summary>
    public const string UnsupportedGrantType = "unsupported_grant_type";

    /// <summary>The request is not a valid RFC 8693 exchange (400, invalid_request).</summary>
    public const string InvalidRequest = ErrorCodes.InvalidRequest;

    /// <summary>The issuer or a store could not be reached (503, temporarily_unavailable).</summary>
    public const string Unavailable = ErrorCodes.AuthUnavailable;

    /// <summary>A refused subject token.</summary>
    public static ExchangeFailure BadToken(string detail) =>
        new(StatusCodes.Status401Unauthorized, InvalidSubjectToken, "invalid_grant", detail, "invalid_token");

    /// <summary>No policy matched (or its account or network refused the caller).</summary>
    public static ExchangeFailure NoPolicy { get; } =
        new(StatusCodes.Status401Unauthorized, NoMatchingPolicy, "invalid_grant", "No trust policy accepts this token.", "no_policy");

    /// <summary>The jti was used.</summary>
    public static ExchangeFailure Replayed { get; } =
        new(StatusCodes.Status401Unauthorized, ReplayedToken, "invalid_grant", "This id_token has already been exchanged; request a new one.", "replayed");

    /// <summary>A malformed request.</summary>
    public static ExchangeFailure BadRequest(string detail) =>
        new(StatusCodes.Status400BadRequest, InvalidRequest, "invalid_request", detail, "invalid_request");

    /// <summary>The issuer or store is down.</summary>
    public static ExchangeFailure Down(string detail) =>
        new(StatusCodes.Status503ServiceUnavailable, Unavailable, "temporarily_unavailable", detail, "unavailable");
}
