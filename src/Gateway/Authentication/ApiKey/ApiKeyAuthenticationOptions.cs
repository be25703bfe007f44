using Microsoft.AspNetCore.Authentication;

namespace Gateway.Authentication.ApiKey;

/// <summary>Options of the bearer API key handler (none beyond the framework's for now).</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions;
