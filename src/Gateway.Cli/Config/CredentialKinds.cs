namespace Gateway.Cli.Config;

/// <summary>The kinds of credential a profile can hold.</summary>
public static class CredentialKinds
{
    /// <summary>A <c>gwk_</c> API key, sent as <c>Authorization: Bearer</c>.</summary>
    public const string Bearer = "bearer";

    /// <summary>An access key id and a <c>gws_</c> secret: requests are signed (RFC 9421 by default, or the scheme <c>request --scheme</c> names).</summary>
    public const string Hmac = "hmac";
}
