namespace Gateway.Signing.Tests.TestSupport;

/// <summary>RFC 9421 Appendix B.2.5 from Vectors/rfc9421: key, request, headers and exact signature base.</summary>
internal sealed record Rfc9421B25Vector(byte[] Key, HttpRequestFile Request, string SignatureInput, string Signature, byte[] SignatureBase)
{
    public static Rfc9421B25Vector Load()
    {
        var lines = File.ReadAllLines(Path.Combine(VectorPaths.Rfc9421, "rfc9421-b25.txt"));
        string After(string heading) => lines[Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal)) + 1];

        return new Rfc9421B25Vector(
            Convert.FromBase64String(After("== KEY")),
            HttpRequestFile.Load(Path.Combine(VectorPaths.Rfc9421, "rfc9421-test-request.http")),
            After("== Signature-Input header value =="),
            After("== Signature header value =="),
            File.ReadAllBytes(Path.Combine(VectorPaths.Rfc9421, "rfc9421-b25-signature-base.txt")));
    }
}
