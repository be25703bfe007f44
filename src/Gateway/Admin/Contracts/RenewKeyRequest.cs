namespace Gateway.Admin.Contracts;

/// <summary>Optional body of <c>POST /v1/service-accounts/{id}/keys/{keyId}/renew</c>.</summary>
public sealed record RenewKeyRequest
{
    /// <summary>Expiry of the new key; default: the old key's lifetime counted from now, or none.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
