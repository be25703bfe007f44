namespace Gateway.Accounts;

/// <summary>How a key is presented by its caller.</summary>
public enum KeyKind
{
    /// <summary>A <c>gwk_</c> token sent as <c>Authorization: Bearer</c> or <c>X-API-Key</c>; stored only as a hash.</summary>
    Bearer,

    /// <summary>An access key id and a secret used to sign requests (RFC 9421 or AWS SigV4); the secret is stored encrypted.</summary>
    Hmac,
}
