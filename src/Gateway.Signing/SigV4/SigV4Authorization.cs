namespace Gateway.Signing.SigV4;

/// <summary>A parsed <c>Authorization: AWS4-HMAC-SHA256 …</c> header.</summary>
public sealed class SigV4Authorization
{
    private readonly byte[] _signature;
    private ReadOnlyMemory<char> _signatureHexText;
    private string? _signatureHex;

    /// <summary>
    /// A parsed header whose signature is <paramref name="signature"/>; <paramref name="signatureHex"/> is its hex as
    /// received when that is already the lowercase form (empty otherwise: the lowercase hex is made when asked for).
    /// </summary>
    internal SigV4Authorization(SigV4Credential credential, IReadOnlyList<string> signedHeaders, byte[] signature, ReadOnlyMemory<char> signatureHex = default)
    {
        Credential = credential;
        SignedHeaders = signedHeaders;
        _signature = signature;
        _signatureHexText = signatureHex;
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
    public string SignatureHex => _signatureHex ??= _signatureHexText.IsEmpty ? Convert.ToHexStringLower(_signature) : _signatureHexText.ToString();

    /// <summary>
    /// <see cref="SignatureHex"/>'s characters: the received hex itself when it was sent in lowercase (as SDKs send
    /// it), so no string is made for the replay key of such a request.
    /// </summary>
    public ReadOnlyMemory<char> SignatureHexMemory
    {
        get
        {
            if (_signatureHexText.IsEmpty)
            {
                _signatureHexText = SignatureHex.AsMemory();
            }

            return _signatureHexText;
        }
    }
}
