namespace Gateway.Client;

/// <summary>The caller as the gateway authenticated it: the body of <c>GET /.gateway/whoami</c>.</summary>
public sealed record CallerIdentity
{
    /// <summary>The principal, <c>sa_…</c>.</summary>
    public required string PrincipalId { get; init; }

    /// <summary><c>service_account</c> or <c>user</c>.</summary>
    public required string PrincipalType { get; init; }

    /// <summary>The account's name.</summary>
    public required string Name { get; init; }

    /// <summary>The account's org.</summary>
    public required string OrgId { get; init; }

    /// <summary>The account's project; <c>null</c> for an org-wide account.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The key used, <c>ak_…</c>.</summary>
    public required string KeyId { get; init; }

    /// <summary><c>api-key</c>, <c>rfc9421</c> or <c>aws-sigv4</c>.</summary>
    public required string AuthScheme { get; init; }

    /// <summary>The account's effective scopes.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];
}
