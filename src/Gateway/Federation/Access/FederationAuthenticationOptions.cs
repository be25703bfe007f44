using Microsoft.AspNetCore.Authentication;

namespace Gateway.Federation.Access;

/// <summary>Options of the federated access token handler (none beyond the framework's).</summary>
public sealed class FederationAuthenticationOptions : AuthenticationSchemeOptions;
