using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Gateway.Federation.Jose;

/// <summary>
/// A parsed compact JWS (RFC 7515) whose payload is a JSON object of claims (a JWT). Parsing checks shape only; the
/// signature is checked by <see cref="JwsVerifier"/>.
/// </summary>
public sealed class CompactJws
{
    private CompactJws(string algorithm, string? keyId, JsonElement claims, byte[] signingInput, byte[] signature)
    {
        Algorithm = algorithm;
        KeyId = keyId;
        Claims = claims;
        SigningInput = signingInput;
        Signature = signature;
    }

    /// <summary>The header's <c>alg</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The header's <c>kid</c>, or <c>null</c>.</summary>
    public string? KeyId { get; }

    /// <summary>The payload: a JSON object.</summary>
    public JsonElement Claims { get; }

    /// <summary>ASCII of <c>header.payload</c>, what the signature covers.</summary>
    public byte[] SigningInput { get; }

    /// <summary>The decoded signature.</summary>
    public byte[] Signature { get; }

    /// <summary>Parses <paramref name="token"/>; <c>false</c> with a reason when it is not a compact JWS with a JSON object payload.</summary>
    public static bool TryParse(string token, out CompactJws? jws, out string reason)
    {
        jws = null;
        reason = "The subject_token is not a compact JWS.";
        var first = token.IndexOf('.');
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.Length - 1 || token.IndexOf('.', second + 1) >= 0)
        {
            return false;
        }

        if (!TryDecode(token.AsSpan(0, first), out var headerBytes)
            || !TryDecode(token.AsSpan(first + 1, second - first - 1), out var payloadBytes)
            || !TryDecode(token.AsSpan(second + 1), out var signature))
        {
            return false;
        }

        JsonElement header;
        JsonElement claims;
        try
        {
            using var headerDocument = JsonDocument.Parse(headerBytes);
            header = headerDocument.RootElement.Clone();
            using var payloadDocument = JsonDocument.Parse(payloadBytes);
            claims = payloadDocument.RootElement.Clone();
        }
        catch (JsonException)
        {
            return false;
        }

        if (header.ValueKind != JsonValueKind.Object || claims.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
        {
            reason = "The subject_token header has no alg.";
            return false;
        }

        if (header.TryGetProperty("crit", out _))
        {
            reason = "The subject_token header has critical extensions the gateway does not understand.";
            return false;
        }

        string? kid = null;
        if (header.TryGetProperty("kid", out var kidElement))
        {
            if (kidElement.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            kid = kidElement.GetString();
        }

        jws = new CompactJws(alg.GetString()!, kid, claims, Encoding.ASCII.GetBytes(token[..second]), signature);
        return true;
    }

    private static bool TryDecode(ReadOnlySpan<char> part, out byte[] bytes)
    {
        bytes = [];
        foreach (var c in part)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(part);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
