using Gateway.Authentication;
using Gateway.Authorization;
using Gateway.Configuration;
using Gateway.Observability;
using Microsoft.Extensions.Configuration;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Forwarding;

/// <summary>
/// Adds the <see cref="IdentityTransform"/> to every route, reading <c>Gateway.ForwardCredentials</c> (the credential
/// headers to strip are the registered schemes' <see cref="CredentialHeaderSet"/>); when no spans
/// are exported the transform writes the trace context (<see cref="UntracedForwarderHttpClientFactory"/>).
/// </summary>
public sealed class IdentityTransformProvider(IConfiguration configuration, CredentialHeaderSet credentialHeaders) : ITransformProvider
{
    private readonly bool _writeTraceContext = !TracingSetup.Exporting(configuration);

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
        context.RequestTransforms.Add(new IdentityTransform(forward, credentialHeaders, _writeTraceContext));
    }
}
