namespace Gateway.Client.Federation;

/// <summary>Body of <c>POST /v1/service-accounts/{id}/trust-policies</c>.</summary>
public sealed record NewTrustPolicy
{
    /// <summary>The issuer; one of the gateway's <c>Gateway:Federation:Issuers</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>The audience the id_token must carry.</summary>
    public required string Audience { get; init; }

    /// <summary>Claim conditions: exact values or globs (<c>*</c>, <c>?</c>).</summary>
    public required IReadOnlyDictionary<string, string> Conditions { get; init; }

    /// <summary>Optional CIDR blocks.</summary>
    public IReadOnlyList<string>? AllowedCidrs { get; init; }

    /// <summary>Optional longest access token lifetime in seconds.</summary>
    public int? MaxTokenLifetime { get; init; }

    /// <summary>Optional free text.</summary>
    public string? Description { get; init; }
}
