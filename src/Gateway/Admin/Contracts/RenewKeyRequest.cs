namespace Gateway.Admin.Contracts;

/// <summary>Optional body of <c>POST /v1/service-accounts/{id}/keys/{keyId}/renew</c>.</summary>
public sealed record RenewKeyRequest
{
    /// <summary>Expiry of the new key; default: the old key's lifetime counted from now, or none.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>
    /// ISO 8601 duration (<c>PT1H</c>) during which the old key keeps working; absent or zero: revoked at once.
    /// At most <c>Gateway:Keys:MaxRenewGrace</c>.
    /// </summary>
    public string? GracePeriod { get; init; }
}
