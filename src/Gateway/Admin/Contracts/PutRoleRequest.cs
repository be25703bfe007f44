namespace Gateway.Admin.Contracts;

/// <summary>Body of <c>PUT /v1/roles/{name}</c>.</summary>
public sealed record PutRoleRequest
{
    /// <summary>Optional, up to 1024 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Required: 1-64 scope patterns (<c>resource:action</c>, <c>*</c> wildcards).</summary>
    public string[]? Scopes { get; init; }
}
