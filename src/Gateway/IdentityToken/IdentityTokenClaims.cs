namespace Gateway.IdentityToken;

/// <summary>The claims of an identity token (docs/IDENTITY-TOKEN.md has their meaning).</summary>
public static class IdentityTokenClaims
{
    /// <summary>Every claim a token may carry (<c>project</c> only for project accounts).</summary>
    public static readonly string[] All =
        ["iss", "sub", "aud", "iat", "exp", "jti", "org", "project", "scopes", "key_id", "auth_scheme", "principal_type", "principal_name"];
}
