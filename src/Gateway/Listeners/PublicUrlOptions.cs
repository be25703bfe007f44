namespace Gateway.Listeners;

/// <summary>
/// <c>Gateway:PublicUrl</c>: the proxy listener's address as callers reach it (e.g. <c>https://gateway.example.com</c>),
/// written into runner credentials documents as <c>server</c>. Default <c>null</c>: derived from the admin request's
/// host name and the proxy listener's scheme and port.
/// </summary>
public sealed class PublicUrlOptions
{
    /// <summary>The configuration key.</summary>
    public const string Key = "Gateway:PublicUrl";

    /// <summary>The configured URL, or <c>null</c>.</summary>
    public string? PublicUrl { get; set; }
}
