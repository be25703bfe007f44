namespace Gateway.Authorization;

/// <summary>Keys a route may set in its <c>yarp.json</c> <c>Metadata</c>. Published constants.</summary>
public static class RouteMetadataKeys
{
    /// <summary><c>true</c> to forward the caller's own credentials upstream. Default <c>false</c>: they are removed.</summary>
    public const string ForwardCredentials = "Gateway.ForwardCredentials";

    /// <summary>
    /// <c>true</c> to accept AWS SigV4 requests whose <c>X-Amz-Content-Sha256</c> is <c>UNSIGNED-PAYLOAD</c> (the
    /// body is then not bound to the signature). Default <c>false</c>.
    /// </summary>
    public const string AllowUnsignedPayload = "Gateway.AllowUnsignedPayload";
}
