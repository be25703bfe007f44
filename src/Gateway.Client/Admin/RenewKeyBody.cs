namespace Gateway.Client.Admin;

/// <summary>Body of <c>POST /v1/service-accounts/{id}/keys/{keyId}/renew</c> when an expiry is given.</summary>
/// <param name="ExpiresAt">Expiry of the new key.</param>
internal sealed record RenewKeyBody(DateTimeOffset ExpiresAt);
