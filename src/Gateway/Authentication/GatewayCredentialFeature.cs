using Gateway.Accounts;

namespace Gateway.Authentication;

/// <summary>The credential that authenticated this request, for the access checks that follow authentication.</summary>
/// <param name="Credential">The key and its account.</param>
public sealed record GatewayCredentialFeature(Credential Credential);
