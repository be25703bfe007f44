namespace Gateway.Listeners;

/// <summary><c>Gateway:Listeners</c>: where each of the three listeners binds.</summary>
public sealed class ListenersOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Listeners";

    /// <summary>Proxied routes and <c>/.gateway/whoami</c>. Default <c>http://0.0.0.0:8080</c>.</summary>
    public ListenerOptions Proxy { get; set; } = new() { Url = "http://0.0.0.0:8080" };

    /// <summary>The admin API. Default <c>http://127.0.0.1:8081</c> (loopback only).</summary>
    public ListenerOptions Admin { get; set; } = new() { Url = "http://127.0.0.1:8081" };

    /// <summary>Metrics and health. Default <c>http://0.0.0.0:8082</c>.</summary>
    public ListenerOptions Status { get; set; } = new() { Url = "http://0.0.0.0:8082" };
}
