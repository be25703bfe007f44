namespace Gateway.Listeners;

/// <summary>The three listeners; endpoints carry <see cref="ListenerMetadata"/> naming the one they belong to.</summary>
public static class ListenerNames
{
    /// <summary>Proxied routes and whoami.</summary>
    public const string Proxy = "proxy";

    /// <summary>Admin API and console.</summary>
    public const string Admin = "admin";

    /// <summary>Metrics, health and JWKS.</summary>
    public const string Status = "status";

    /// <summary>The connection item key under which a connection's listener name is kept.</summary>
    public const string ConnectionItemKey = "gateway.listener";
}
