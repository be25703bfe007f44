namespace Gateway.Client.Federation;

/// <summary>A service account's trust policy as the admin API returns it.</summary>
public sealed record TrustPolicy
{
    /// <summary>The policy id (<c>tp_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The service account.</summary>
    public required string AccountId { get; init; }

    /// <summary>The issuer.</summary>
    public required string Issuer { get; init; }

    /// <summary>The required audience.</summary>
    public required string Audience { get; init; }

    /// <summary>Claim conditions: exact values or globs.</summary>
    public required IReadOnlyDictionary<string, string> Conditions { get; init; }

    /// <summary>CIDR blocks; empty means any.</summary>
    public IReadOnlyList<string> AllowedCidrs { get; init; } = [];

    /// <summary>Longest access token lifetime in seconds; <c>null</c> for the gateway default.</summary>
    public int? MaxTokenLifetime { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
