namespace Gateway.Federation.Policies;

/// <summary>Body of <c>POST /v1/service-accounts/{id}/trust-policies</c>.</summary>
public sealed record TrustPolicyRequest
{
    /// <summary>Required: the exact issuer, one of <c>Gateway:Federation:Issuers</c>.</summary>
    public string? Issuer { get; init; }

    /// <summary>Required: the audience the token must be issued for (e.g. the gateway's public URL).</summary>
    public string? Audience { get; init; }

    /// <summary>Required: claim name → exact value or glob (<c>*</c>, <c>?</c>).</summary>
    public Dictionary<string, string>? Conditions { get; init; }

    /// <summary>Optional CIDR blocks the exchange and the token's use must come from.</summary>
    public string[]? AllowedCidrs { get; init; }

    /// <summary>Optional: longest access token lifetime in seconds (60 … <c>Gateway:Federation:MaxAccessTokenLifetime</c>).</summary>
    public int? MaxTokenLifetime { get; init; }

    /// <summary>Optional, up to 1024 characters.</summary>
    public string? Description { get; init; }
}
