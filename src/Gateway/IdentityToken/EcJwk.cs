using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Gateway.IdentityToken;

/// <summary>
/// JSON Web Keys (RFC 7517/7518) for ECDSA P-256 public keys: written into a JWKS, and read back (for any JOSE code
/// of the gateway that needs to verify an ES256 signature against a published key).
/// </summary>
public static class EcJwk
{
    /// <summary>The JWS algorithm of P-256 keys.</summary>
    public const string Algorithm = "ES256";

    /// <summary>Writes the public half of <paramref name="key"/> as a JWK object with <c>kid</c>, <c>use=sig</c> and <c>alg</c>.</summary>
    public static void WritePublic(Utf8JsonWriter writer, ECDsa key, string kid)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        writer.WriteStartObject();
        writer.WriteString("kty", "EC");
        writer.WriteString("crv", "P-256");
        writer.WriteString("x", Base64Url.EncodeToString(parameters.Q.X));
        writer.WriteString("y", Base64Url.EncodeToString(parameters.Q.Y));
        writer.WriteString("kid", kid);
        writer.WriteString("use", "sig");
        writer.WriteString("alg", Algorithm);
        writer.WriteEndObject();
    }

    /// <summary>The P-256 public key of a JWK object; <c>null</c> when it is not one.</summary>
    public static ECDsa? TryReadPublic(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object
            || !jwk.TryGetProperty("kty", out var kty) || kty.ValueKind != JsonValueKind.String || kty.GetString() != "EC"
            || !jwk.TryGetProperty("crv", out var crv) || crv.ValueKind != JsonValueKind.String || crv.GetString() != "P-256"
            || Coordinate(jwk, "x") is not { } x || Coordinate(jwk, "y") is not { } y)
        {
            return null;
        }

        try
        {
            return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static byte[]? Coordinate(JsonElement jwk, string name)
    {
        if (!jwk.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { } text)
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(text);
            return bytes.Length == 32 ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
