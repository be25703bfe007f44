using Gateway.Authorization;
using Gateway.Configuration;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.IdentityToken;

/// <summary>
/// Adds an <see cref="IdentityTokenTransform"/> to routes with <c>Gateway.IdentityToken: true</c>, or to every
/// route without that key when <c>Gateway:IdentityToken:Enabled</c> is set; the audience is
/// <c>Gateway.IdentityAudience</c>, else the route's cluster id. Metadata values are checked by
/// <see cref="RouteMetadataValidator"/>.
/// </summary>
public sealed class IdentityTokenTransformProvider(IdentityTokenCache cache, IOptions<IdentityTokenOptions> options) : ITransformProvider
{
    /// <inheritdoc />
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    /// <inheritdoc />
    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    /// <inheritdoc />
    public void Apply(TransformBuilderContext context)
    {
        var metadata = context.Route.Metadata;
        var enabled = metadata?.TryGetValue(RouteMetadataKeys.IdentityToken, out var flag) == true && bool.TryParse(flag, out var parsed)
            ? parsed
            : options.Value.Enabled;
        if (!enabled)
        {
            return;
        }

        var audience = metadata?.TryGetValue(RouteMetadataKeys.IdentityAudience, out var configured) == true && configured.Length > 0
            ? configured
            : context.Route.ClusterId ?? context.Route.RouteId;
        context.RequestTransforms.Add(new IdentityTokenTransform(cache, audience));
    }
}
