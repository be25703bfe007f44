namespace Gateway.Signing.SigV4;

/// <summary>A parsed <c>Authorization: AWS4-HMAC-SHA256 …</c> header.</summary>
public sealed class SigV4Authorization
{
    private readonly byte[] _signature;

    internal SigV4Authorization(SigV4Credential credential, IReadOnlyList<string> signedHeaders, byte[] signature)
    {
        Credential = credential;
        SignedHeaders = signedHeaders;
        _signature = signature;
        SignatureHex = Convert.ToHexStringLower(signature);
    }

    /// <summary>The credential (access key id and scope).</summary>
    public SigV4Credential Credential { get; }

    /// <summary>The signed header names: lowercase, sorted, distinct.</summary>
    public IReadOnlyList<string> SignedHeaders { get; }

    /// <summary>The signed header names as they appear in the canonical request, <c>a;b;c</c> (built when asked for).</summary>
    public string SignedHeadersValue => string.Join(';', SignedHeaders);

    /// <summary>The 32 signature bytes.</summary>
    public ReadOnlySpan<byte> Signature => _signature;

    /// <summary>The signature as lowercase hex (the SigV4 replay key, docs/SIGNING.md).</summary>
    public string SignatureHex { get; }
}
