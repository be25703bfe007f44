using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Authentication;

/// <summary>
/// Returned by <see cref="GatewayAuthenticationServiceCollectionExtensions.AddGatewayAuthentication"/>: each credential scheme
/// adds itself with one call (<c>AddApiKey()</c>, <c>AddSignatures(configuration)</c>), as YARP's builder chains its parts.
/// </summary>
public sealed class GatewayAuthenticationBuilder(AuthenticationBuilder authentication)
{
    /// <summary>The ASP.NET Core builder the schemes are added to.</summary>
    public AuthenticationBuilder Authentication { get; } = authentication;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services => Authentication.Services;
}
