namespace Gateway.Accounts;

/// <summary>A key as just issued: the stored record and the secret, which exists only in this object and the 201 body.</summary>
/// <param name="Key">The stored record (no secret in it).</param>
/// <param name="Secret">The bearer token or HMAC secret, shown to the caller once.</param>
public sealed record IssuedKey(ApiKey Key, string Secret);
