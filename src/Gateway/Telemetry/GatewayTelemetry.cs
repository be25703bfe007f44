using System.Diagnostics;

namespace Gateway.Telemetry;

/// <summary>The gateway's OpenTelemetry names: its activity source and the attributes of its spans.</summary>
public static class GatewayTelemetry
{
    /// <summary>Name of the gateway's <see cref="ActivitySource"/> (and OpenTelemetry service name default).</summary>
    public const string SourceName = "Gateway";

    /// <summary>The activity source of the gateway's own spans.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Span name of the authentication step.</summary>
    public const string AuthenticateSpan = "authenticate";

    /// <summary>Attribute: <c>api-key</c>, <c>rfc9421</c> or <c>aws-sigv4</c>.</summary>
    public const string SchemeAttribute = "gateway.auth.scheme";

    /// <summary>Attribute: <c>success</c> or the error code.</summary>
    public const string OutcomeAttribute = "gateway.auth.outcome";

    /// <summary>Attribute: the authenticated principal's id.</summary>
    public const string PrincipalAttribute = "gateway.principal.id";

    /// <summary>Attribute: the key id presented (also on failures, once parsed).</summary>
    public const string KeyAttribute = "gateway.key.id";
}
