using Gateway.Forwarding;

namespace Gateway.IdentityToken;

/// <summary>The header that carries the token upstream.</summary>
public static class IdentityTokenHeaders
{
    /// <summary>
    /// <c>X-Gateway-Identity</c>. It starts with <see cref="IdentityHeaders.Prefix"/>, so a caller-sent one (in any
    /// spelling) is removed with the other identity headers before the gateway adds its own.
    /// </summary>
    public const string Identity = IdentityHeaders.Prefix + "Identity";
}
