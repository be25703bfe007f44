using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.IdentityToken;

/// <summary>One signing key with its life-cycle dates. Its private key never leaves the process unsealed.</summary>
public sealed class IdentitySigningKey
{
    private readonly Lock _signing = new();

    /// <summary>Wraps <paramref name="key"/> (a P-256 private key).</summary>
    public IdentitySigningKey(string kid, SigningKeyState state, ECDsa key, DateTimeOffset createdAt,
        DateTimeOffset? activatedAt, DateTimeOffset? retiredAt, DateTimeOffset? removeAfter)
    {
        Kid = kid;
        State = state;
        Key = key;
        CreatedAt = createdAt;
        ActivatedAt = activatedAt;
        RetiredAt = retiredAt;
        RemoveAfter = removeAfter;
        EncodedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $$"""{"alg":"{{EcJwk.Algorithm}}","kid":"{{kid}}","typ":"JWT"}"""));
    }

    /// <summary>The key id (<c>kid</c>): <c>gik_</c> and 16 random base32 characters.</summary>
    public string Kid { get; }

    /// <summary>Next, active or retired.</summary>
    public SigningKeyState State { get; }

    /// <summary>The P-256 key pair.</summary>
    public ECDsa Key { get; }

    /// <summary>When it was generated.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When it started signing.</summary>
    public DateTimeOffset? ActivatedAt { get; }

    /// <summary>When it stopped signing.</summary>
    public DateTimeOffset? RetiredAt { get; }

    /// <summary>A retired key leaves the JWKS at this time: every token it signed has expired by then.</summary>
    public DateTimeOffset? RemoveAfter { get; }

    /// <summary>The base64url JWS protected header, <c>{"alg":"ES256","kid":…,"typ":"JWT"}</c>.</summary>
    public string EncodedHeader { get; }

    /// <summary>A copy in another state.</summary>
    public IdentitySigningKey With(SigningKeyState state, DateTimeOffset? activatedAt, DateTimeOffset? retiredAt, DateTimeOffset? removeAfter) =>
        new(Kid, state, Key, CreatedAt, activatedAt, retiredAt, removeAfter);

    /// <summary>A new P-256 key.</summary>
    public static IdentitySigningKey Generate(SigningKeyState state, DateTimeOffset now) =>
        new(NewKid(), state, ECDsa.Create(ECCurve.NamedCurves.nistP256), now, state == SigningKeyState.Active ? now : null, null, null);

    /// <summary>The ES256 signature (IEEE P1363, r‖s) of <paramref name="signingInput"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> signingInput)
    {
        // ECDsa instances are not documented as thread-safe; signing is rare (tokens are cached), so a lock costs nothing.
        lock (_signing)
        {
            return Key.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    private static string NewKid()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random[i] & 31];
        }

        return "gik_" + new string(chars);
    }
}
