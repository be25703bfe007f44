namespace Gateway.Client.Admin;

/// <summary>Body of <c>GET /v1/identity-token/keys</c> and of a rotation.</summary>
/// <param name="Keys">Active first, then next, then retired keys.</param>
internal sealed record IdentityTokenKeyListBody(IReadOnlyList<IdentityTokenKey> Keys);
