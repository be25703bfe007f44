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
        if (context.Route.Metadata?.TryGetValue(RouteMetadataKeys.ForwardCredentials, out var value) == true
            && !bool.TryParse(value, out _))
        {
            context.Errors.Add(new ArgumentException(
                $"Route '{context.Route.RouteId}': metadata {RouteMetadataKeys.ForwardCredentials} must be true or false, not '{value}'."));
        }
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
