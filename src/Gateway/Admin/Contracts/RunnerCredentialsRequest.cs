namespace Gateway.Admin.Contracts;

/// <summary>
/// Optional body of <c>POST /v1/runners/{runnerId}/credentials</c>. Every member is optional; <see cref="ProjectId"/>
/// and <see cref="Roles"/> shape the account only when it is first provisioned.
/// </summary>
public sealed record RunnerCredentialsRequest
{
    /// <summary>Org of the runner's account; default <c>Gateway:Admin:BootstrapOrg</c>.</summary>
    public string? OrgId { get; init; }

    /// <summary>Project of the runner's account; default none (an org-wide account).</summary>
    public string? ProjectId { get; init; }

    /// <summary>Roles of the runner's account; default <c>["executor"]</c>.</summary>
    public string[]? Roles { get; init; }

    /// <summary>Kind of the issued key: <c>hmac</c> (default) or <c>bearer</c>.</summary>
    public string? Kind { get; init; }
}
