namespace Gateway.Client.Signing;

/// <summary>An HMAC key as the gateway issued it. <see cref="ToString"/> leaves the secret out.</summary>
/// <param name="KeyId">The access key id (<c>ak_…</c>).</param>
/// <param name="Secret">The secret (<c>gws_…</c>) exactly as issued; its UTF-8 bytes are the HMAC key.</param>
public sealed record SigningKey(string KeyId, string Secret)
{
    /// <summary>The key id only.</summary>
    public override string ToString() => $"SigningKey {{ KeyId = {KeyId} }}";
}
