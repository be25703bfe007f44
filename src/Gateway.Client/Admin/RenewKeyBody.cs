namespace Gateway.Client.Admin;

/// <summary>Body of <c>POST /v1/service-accounts/{id}/keys/{keyId}/renew</c> when an expiry or a grace period is given.</summary>
/// <param name="ExpiresAt">Expiry of the new key.</param>
/// <param name="GracePeriod">ISO 8601 duration during which the old key keeps working.</param>
internal sealed record RenewKeyBody(DateTimeOffset? ExpiresAt, string? GracePeriod = null);
