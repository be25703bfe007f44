using System.Text;
using Gateway.Signing.Rfc9421;
using Gateway.Signing.SigV4;

namespace Gateway.Signing.Tests;

/// <summary>
/// Verification, as the gateway runs it per request (prepared keys, parsed headers), allocates nothing: counted with
/// the thread's allocation counter after a warm-up, so the result does not depend on the machine's speed.
/// </summary>
public sealed class VerifyAllocationTests
{
    private const string Authority = "gateway.example:8080";
    private static readonly DateTimeOffset SignedAt = new(2025, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("gws_ZuQWlmeLNkzggEvGtu1uVgYjjeOwXyYdwwoJksFTHPg2QjUfO");

    [Theory]
    [InlineData("/echo/items/42", "?color=red&i=12345")]
    [InlineData("/", "")]
    public void Rfc9421Verify_WithAPreparedKey_AllocatesNothing(string path, string query)
    {
        var request = new SignableRequest("GET", "http", Authority, path, query);
        var headers = Rfc9421Signer.Sign(request, new Rfc9421SigningParameters
        {
            KeyId = "ak_aH1NXY2aPJATzsIy",
            Components = [Rfc9421Components.Method, Rfc9421Components.Authority, Rfc9421Components.Path, Rfc9421Components.Query],
            Created = SignedAt,
            Nonce = "cT3lH8t0tKx3kR9aZQmLxw",
        }, Secret);
        request.AddHeader(Rfc9421Constants.SignatureInputHeader, headers.SignatureInput);
        request.AddHeader(Rfc9421Constants.SignatureHeader, headers.Signature);
        Assert.Equal(Rfc9421Error.None, Rfc9421Parser.Parse(request).TrySelect(null, out var signature));
        using var key = new HmacSha256Key(Secret);

        var (allocated, verified) = AllocatedPerCall(() => Rfc9421Verifier.Verify(request, signature!, key) == Rfc9421Error.None);

        Assert.True(verified);
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("/echo/items/42", "?color=red&i=12345")]
    [InlineData("/a/./b/../c", "?b=2&a=1&a=0")]
    [InlineData("/", "")]
    public void SigV4Verify_WithACachedSigningKey_AllocatesNothing(string path, string query)
    {
        var request = new SignableRequest("GET", "http", Authority, path, query);
        request.AddHeader("Host", Authority);
        request.AddHeader(SigV4Constants.AmzDateHeader, SigV4Signer.FormatAmzDate(SignedAt));
        request.AddHeader(SigV4Constants.ContentSha256Header, SigV4Constants.EmptyPayloadHash);
        request.AddHeader(SigV4Constants.AuthorizationHeader, SigV4Signer.CreateAuthorization(request, new SigV4SigningParameters
        {
            AccessKeyId = "ak_aH1NXY2aPJATzsIy",
            Secret = Encoding.UTF8.GetString(Secret),
        }, SigV4Constants.EmptyPayloadHash));
        var parsed = SigV4Parser.Parse(request);
        var derived = new byte[32];
        var scope = parsed.Authorization!.Credential;
        SigV4Canonicalizer.DeriveSigningKey(Secret, scope.DateStamp, scope.Region, scope.Service, derived);
        using var key = new HmacSha256Key(derived);

        var (allocated, verified) = AllocatedPerCall(() =>
            SigV4Verifier.VerifyWithSigningKey(request, parsed, SigV4Constants.EmptyPayloadHash, key) == SigV4Error.None);

        Assert.True(verified);
        Assert.Equal(0, allocated);
    }

    /// <summary>Bytes allocated per call of <paramref name="verify"/> after a warm-up, and whether every call verified.</summary>
    private static (long Allocated, bool Verified) AllocatedPerCall(Func<bool> verify)
    {
        var verified = true;
        for (var i = 0; i < 200; i++)
        {
            verified &= verify();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            verified &= verify();
        }

        return ((GC.GetAllocatedBytesForCurrentThread() - before) / 1000, verified);
    }
}
