namespace Gateway.Client.Admin;

/// <summary>Optional body of <c>POST /v1/runners/{runnerId}/credentials</c>.</summary>
public sealed record RunnerCredentialsRequest
{
    /// <summary>The runner account's org; the gateway's bootstrap org when <c>null</c>.</summary>
    public string? OrgId { get; init; }

    /// <summary>The runner account's project, used when it is provisioned.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The runner account's roles, used when it is provisioned; <c>["executor"]</c> when <c>null</c>.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary><see cref="KeyKinds.Hmac"/> (default) or <see cref="KeyKinds.Bearer"/>.</summary>
    public string? Kind { get; init; }
}
