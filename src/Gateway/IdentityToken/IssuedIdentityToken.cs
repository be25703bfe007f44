namespace Gateway.IdentityToken;

/// <summary>A signed token and what its cache needs to know about it.</summary>
/// <param name="Token">The compact JWS.</param>
/// <param name="Kid">The key that signed it.</param>
/// <param name="IssuedAt">Its <c>iat</c>.</param>
/// <param name="ExpiresAt">Its <c>exp</c>.</param>
public sealed record IssuedIdentityToken(string Token, string Kid, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
