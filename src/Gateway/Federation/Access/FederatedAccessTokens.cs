using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gateway.Accounts;
using Gateway.Accounts.Tokens;
using Gateway.Federation.Policies;

namespace Gateway.Federation.Access;

/// <summary>
/// The gateway's short-lived federated access tokens:
/// <c>gwf_1.{sa_…}.{tp_…}.{fx_…}.{exp unix seconds}.{base64url HMAC-SHA-256}</c>. Nothing is stored: the MAC, under
/// a key derived from the token-hash key (<c>Gateway:Keys:HashKey</c>, shared by every replica), proves the gateway
/// issued it; the account and policy are checked on every use, so disabling or deleting either ends it at once.
/// Changing the hash key ends every outstanding token.
/// </summary>
public sealed class FederatedAccessTokens
{
    /// <summary>Every federated access token starts with this.</summary>
    public const string Prefix = "gwf_";

    /// <summary>Prefix of exchange ids.</summary>
    public const string ExchangePrefix = "fx_";

    private const string Version = "gwf_1";
    private const int MacLength = 43;
    private const int MaxLength = 200;

    private readonly byte[] _key;

    /// <summary>Derives the MAC key from <paramref name="hasher"/>'s key (HMAC of a fixed label: a separate key, not the hash key itself).</summary>
    public FederatedAccessTokens(SecretHasher hasher) => _key = hasher.Hash("gateway federation access-token mac key v1");

    /// <summary>A new exchange id.</summary>
    public static string NewExchangeId() => ExchangePrefix + Base62.Random(IdGenerator.RandomLength);

    /// <summary>The token for <paramref name="claims"/>.</summary>
    public string Issue(AccessTokenClaims claims)
    {
        var body = string.Join('.', Version, claims.AccountId, claims.PolicyId, claims.ExchangeId,
            claims.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return body + "." + Base64Url.EncodeToString(Mac(body));
    }

    /// <summary>
    /// The claims of a token this gateway issued, or <c>null</c> when <paramref name="token"/> is not well formed
    /// (<paramref name="malformed"/>) or its MAC does not verify. Expiry is the caller's check.
    /// </summary>
    public AccessTokenClaims? Verify(string token, out bool malformed)
    {
        malformed = true;
        var span = token.AsSpan();
        if (span.Length > MaxLength || !span.StartsWith(Version + ".", StringComparison.Ordinal))
        {
            return null;
        }

        Span<Range> parts = stackalloc Range[7];
        if (span.Split(parts, '.') != 6
            || !IdGenerator.IsValid(span[parts[1]], IdGenerator.AccountPrefix)
            || !IdGenerator.IsValid(span[parts[2]], TrustPolicyRules.IdPrefix)
            || !IdGenerator.IsValid(span[parts[3]], ExchangePrefix)
            || !long.TryParse(span[parts[4]], NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            || exp > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || span[parts[5]].Length != MacLength)
        {
            return null;
        }

        malformed = false;
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes + 2];
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(span[parts[5]], presented, out written) || written != HMACSHA256.HashSizeInBytes)
            {
                return null;
            }
        }
        catch (FormatException)
        {
            // Not base64url (e.g. unused trailing bits set): "Try" only covers the destination size, so it throws.
            return null;
        }

        // The body is ASCII (checked above: ids are base62, exp digits), at most MaxLength characters.
        var body = span[..(parts[5].Start.Value - 1)];
        Span<byte> ascii = stackalloc byte[MaxLength];
        var length = Encoding.ASCII.GetBytes(body, ascii);
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, ascii[..length], expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented[..written])
            ? new AccessTokenClaims(token[parts[1]], token[parts[2]], token[parts[3]], DateTimeOffset.FromUnixTimeSeconds(exp))
            : null;
    }

    private byte[] Mac(string body) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body));
}
