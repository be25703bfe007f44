using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Gateway.Federation.Jose;

/// <summary>
/// An issuer's key set (RFC 7517): the usable signature keys. Keys of other types, curves, uses or too small are
/// skipped, not fatal, so an issuer can publish keys the gateway does not use.
/// </summary>
public sealed class JsonWebKeySet
{
    /// <summary>The most keys read from one set.</summary>
    public const int MaxKeys = 50;

    private JsonWebKeySet(IReadOnlyList<JsonWebKey> keys) => Keys = keys;

    /// <summary>The usable keys.</summary>
    public IReadOnlyList<JsonWebKey> Keys { get; }

    /// <summary>
    /// The key that verifies a signature of <paramref name="algorithm"/> with <paramref name="keyId"/>: the key with
    /// that <c>kid</c>, or — for a token without <c>kid</c> — the only key that supports the algorithm.
    /// </summary>
    public JsonWebKey? Find(string? keyId, string algorithm)
    {
        if (keyId is not null)
        {
            return Keys.FirstOrDefault(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal) && k.Supports(algorithm));
        }

        var candidates = Keys.Where(k => k.Supports(algorithm)).Take(2).ToArray();
        return candidates.Length == 1 ? candidates[0] : null;
    }

    /// <summary>Parses a JWKS document; throws <see cref="JsonException"/> when it is not one.</summary>
    public static JsonWebKeySet Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("keys", out var keys)
            || keys.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("A JWKS is an object with a 'keys' array.");
        }

        var parsed = new List<JsonWebKey>();
        foreach (var element in keys.EnumerateArray())
        {
            if (parsed.Count == MaxKeys)
            {
                break;
            }

            if (element.ValueKind == JsonValueKind.Object && TryParseKey(element) is { } key)
            {
                parsed.Add(key);
            }
        }

        return new JsonWebKeySet(parsed);
    }

    private static JsonWebKey? TryParseKey(JsonElement element)
    {
        if (String(element, "use") is { } use && use != "sig")
        {
            return null;
        }

        var kid = String(element, "kid");
        var alg = String(element, "alg");
        try
        {
            switch (String(element, "kty"))
            {
                case "RSA" when (alg is null or JwsAlgorithms.RS256)
                    && Bytes(element, "n") is { Length: >= 256 } modulus && Bytes(element, "e") is { Length: > 0 and <= 8 } exponent:
                    var rsa = RSA.Create();
                    rsa.ImportParameters(new RSAParameters { Modulus = TrimLeadingZero(modulus), Exponent = exponent });
                    return rsa.KeySize >= 2048 ? new JsonWebKey(kid, alg, rsa, null) : null;
                case "EC" when (alg is null or JwsAlgorithms.ES256) && String(element, "crv") == "P-256"
                    && Bytes(element, "x") is { Length: 32 } x && Bytes(element, "y") is { Length: 32 } y:
                    var ec = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
                    return new JsonWebKey(kid, alg, null, ec);
                default:
                    return null;
            }
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static byte[] TrimLeadingZero(byte[] value) => value.Length > 1 && value[0] == 0 ? value[1..] : value;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Bytes(JsonElement element, string name)
    {
        if (String(element, name) is not { Length: > 0 and <= 2048 } text)
        {
            return null;
        }

        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
