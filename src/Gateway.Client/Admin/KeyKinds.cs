namespace Gateway.Client.Admin;

/// <summary>The kinds of key the gateway issues.</summary>
public static class KeyKinds
{
    /// <summary>A <c>gwk_</c> token sent as <c>Authorization: Bearer</c>.</summary>
    public const string Bearer = "bearer";

    /// <summary>An access key id and a <c>gws_</c> secret for signed requests (RFC 9421, AWS SigV4).</summary>
    public const string Hmac = "hmac";
}
