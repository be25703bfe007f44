namespace Gateway.Federation.Access;

/// <summary>What a federated access token says: who it acts as, under which policy and exchange, until when.</summary>
/// <param name="AccountId">The service account.</param>
/// <param name="PolicyId">The trust policy that admitted the id_token.</param>
/// <param name="ExchangeId">The exchange that issued it (<c>fx_…</c>); the key id of the requests it makes.</param>
/// <param name="ExpiresAt">The instant from which it no longer authenticates.</param>
public sealed record AccessTokenClaims(string AccountId, string PolicyId, string ExchangeId, DateTimeOffset ExpiresAt);
