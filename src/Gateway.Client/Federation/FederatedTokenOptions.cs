namespace Gateway.Client.Federation;

/// <summary>Options of <see cref="FederatedTokenHandler"/>.</summary>
public sealed record FederatedTokenOptions
{
    /// <summary>The gateway's proxy listener base URL, where <c>/.gateway/token</c> is. Required.</summary>
    public required Uri Gateway { get; init; }

    /// <summary>Where id_tokens come from (see <see cref="IdTokenSources"/>). Required.</summary>
    public required Func<CancellationToken, Task<string>> IdToken { get; init; }

    /// <summary>The service account to act as, when several trust the same pipeline; <c>null</c> lets the gateway choose.</summary>
    public string? ServiceAccountId { get; init; }

    /// <summary>How long before expiry the token is exchanged again. Default 2 minutes.</summary>
    public TimeSpan RefreshBeforeExpiry { get; init; } = TimeSpan.FromMinutes(2);
}
