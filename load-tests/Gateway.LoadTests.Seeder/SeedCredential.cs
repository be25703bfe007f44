namespace Gateway.LoadTests.Seeder;

/// <summary>One line of the credentials file the load generator reads: <c>bearer &lt;keyId&gt; &lt;token&gt;</c> or <c>hmac &lt;keyId&gt; &lt;secret&gt;</c>.</summary>
/// <param name="Kind"><c>bearer</c> or <c>hmac</c>.</param>
/// <param name="KeyId">The key id (<c>ak_…</c>), also the HMAC access key id.</param>
/// <param name="Secret">The bearer token or the HMAC secret, as issued.</param>
public sealed record SeedCredential(string Kind, string KeyId, string Secret)
{
    /// <summary>The line written to the credentials file.</summary>
    public override string ToString() => $"{Kind} {KeyId} {Secret}";
}
