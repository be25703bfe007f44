using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Authentication;

namespace Gateway.IdentityToken;

/// <summary>
/// Signs identity tokens: compact JWS, ES256, header <c>alg</c>/<c>kid</c>/<c>typ</c>, claims <c>iss</c>, <c>sub</c>,
/// <c>aud</c>, <c>iat</c>, <c>exp</c>, <c>jti</c>, <c>org</c>, <c>project</c> (project accounts only), <c>scopes</c>,
/// <c>key_id</c>, <c>auth_scheme</c>, <c>principal_type</c>, <c>principal_name</c>. Costs one ECDSA signature
/// (tens of microseconds): callers cache the result (<see cref="IdentityTokenCache"/>).
/// </summary>
/// <param name="issuer">The <c>iss</c> claim.</param>
/// <param name="lifetime">How long a token is valid.</param>
public sealed class IdentityTokenIssuer(string issuer, TimeSpan lifetime)
{
    /// <summary>The <c>iss</c> claim.</summary>
    public string Issuer => issuer;

    /// <summary>How long a token is valid.</summary>
    public TimeSpan Lifetime => lifetime;

    /// <summary>A token for <paramref name="identity"/> and <paramref name="audience"/>, signed with <paramref name="key"/>.</summary>
    public IssuedIdentityToken Issue(GatewayIdentity identity, string audience, IdentitySigningKey key, DateTimeOffset now)
    {
        var issuedAt = now.ToUnixTimeSeconds();
        var expires = issuedAt + (long)lifetime.TotalSeconds;
        var payload = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", issuer);
            writer.WriteString("sub", identity.PrincipalId);
            writer.WriteString("aud", audience);
            writer.WriteNumber("iat", issuedAt);
            writer.WriteNumber("exp", expires);
            writer.WriteString("jti", Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
            writer.WriteString("org", identity.OrgId);
            if (identity.ProjectId is not null)
            {
                writer.WriteString("project", identity.ProjectId);
            }

            writer.WriteStartArray("scopes");
            foreach (var scope in identity.Scopes)
            {
                writer.WriteStringValue(scope);
            }

            writer.WriteEndArray();
            writer.WriteString("key_id", identity.KeyId);
            writer.WriteString("auth_scheme", identity.AuthScheme);
            writer.WriteString("principal_type", identity.PrincipalType);
            writer.WriteString("principal_name", identity.Name);
            writer.WriteEndObject();
        }

        var signingInput = key.EncodedHeader + "." + Base64Url.EncodeToString(payload.WrittenSpan);
        var signature = key.Sign(Encoding.ASCII.GetBytes(signingInput));
        return new IssuedIdentityToken(signingInput + "." + Base64Url.EncodeToString(signature), key.Kid,
            DateTimeOffset.FromUnixTimeSeconds(issuedAt), DateTimeOffset.FromUnixTimeSeconds(expires));
    }
}
