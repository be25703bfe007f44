using Gateway.Authorization;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Forwarding;

/// <summary>Adds the <see cref="IdentityTransform"/> to every route, reading <c>Gateway.ForwardCredentials</c>.</summary>
public sealed class IdentityTransformProvider : ITransformProvider
{
    /// <inheritdoc />
    public void ValidateRoute(TransformRouteValidationContext context)
    {
        // Route metadata is validated by RouteMetadataValidator.
    }

    /// <inheritdoc />
    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    /// <inheritdoc />
    public void Apply(TransformBuilderContext context)
    {
        var forward = context.Route.Metadata?.TryGetValue(RouteMetadataKeys.ForwardCredentials, out var value) == true
            && bool.TryParse(value, out var parsed) && parsed;
        context.RequestTransforms.Add(new IdentityTransform(forward));
    }
}
