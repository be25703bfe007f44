using System.Text.Json;

namespace Gateway.Federation.Exchange;

/// <summary>An id_token whose signature, issuer and times have been verified; its audience is the policy's check.</summary>
/// <param name="Issuer">The verified <c>iss</c>.</param>
/// <param name="TokenId">The <c>jti</c>.</param>
/// <param name="ExpiresAt">The <c>exp</c>.</param>
/// <param name="Claims">Every claim.</param>
public sealed record ValidatedIdToken(string Issuer, string TokenId, DateTimeOffset ExpiresAt, JsonElement Claims);
