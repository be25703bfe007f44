namespace Gateway.Client.Federation;

/// <summary>A gateway access token obtained by exchanging an id_token.</summary>
/// <param name="Token">The token (<c>gwf_…</c>), sent as <c>Authorization: Bearer</c>.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record FederatedAccessToken(string Token, DateTimeOffset ExpiresAt)
{
    /// <summary>The record without the token.</summary>
    public override string ToString() => $"FederatedAccessToken {{ ExpiresAt = {ExpiresAt:O} }}";
}
