using System.Text;
using Gateway.Signing.Digests;
using Gateway.Signing.Tests.TestSupport;
using Microsoft.Extensions.Primitives;

namespace Gateway.Signing.Tests.Digests;

public sealed class ContentDigestTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"hello\": \"world\"}");

    [Fact]
    public void Create_Sha256_MatchesRfc9530Example()
    {
        // RFC 9530 §2 example body {"hello": "world"}.
        Assert.Equal("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", ContentDigest.Create(Body));
    }

    [Fact]
    public void Verify_Sha512FromRfc9421TestRequest_IsValid()
    {
        var file = HttpRequestFile.Load(Path.Combine(VectorPaths.Rfc9421, "rfc9421-test-request.http"));

        Assert.Equal(ContentDigestStatus.Valid, ContentDigest.Verify(file.Request, file.Body));
        Assert.Equal(ContentDigest.Create(file.Body, ContentDigestAlgorithm.Sha512), file.Request.TryGetHeader("Content-Digest", out var v) ? v.ToString().Trim() : null);
    }

    [Theory]
    [InlineData(ContentDigestAlgorithm.Sha256)]
    [InlineData(ContentDigestAlgorithm.Sha512)]
    public void Verify_Correct_IsValid(ContentDigestAlgorithm algorithm)
    {
        Assert.Equal(ContentDigestStatus.Valid, ContentDigest.Verify(ContentDigest.Create(Body, algorithm), Body));
    }

    [Theory]
    [InlineData(ContentDigestAlgorithm.Sha256)]
    [InlineData(ContentDigestAlgorithm.Sha512)]
    public void Verify_OtherBody_IsMismatch(ContentDigestAlgorithm algorithm)
    {
        Assert.Equal(ContentDigestStatus.Mismatch, ContentDigest.Verify(ContentDigest.Create(Body, algorithm), "{\"hello\": \"World\"}"u8));
    }

    [Fact]
    public void Verify_EmptyBody_IsValidOnlyForEmptyDigest()
    {
        Assert.Equal(ContentDigestStatus.Valid, ContentDigest.Verify(ContentDigest.Create([]), []));
        Assert.Equal(ContentDigestStatus.Mismatch, ContentDigest.Verify(ContentDigest.Create([]), Body));
    }

    [Fact]
    public void Verify_OneOfTwoSupportedMismatching_IsMismatch()
    {
        var header = ContentDigest.Create(Body) + ", " + ContentDigest.Create("x"u8, ContentDigestAlgorithm.Sha512);

        Assert.Equal(ContentDigestStatus.Mismatch, ContentDigest.Verify(header, Body));
    }

    [Fact]
    public void Verify_UnsupportedAlongsideSupported_IgnoresUnsupported()
    {
        var header = "md5=:AAAAAAAAAAAAAAAAAAAAAA==:, " + ContentDigest.Create(Body, ContentDigestAlgorithm.Sha512) + ", unixsum=12";

        Assert.Equal(ContentDigestStatus.Valid, ContentDigest.Verify(header, Body));
    }

    [Theory]
    [InlineData("md5=:AAAAAAAAAAAAAAAAAAAAAA==:")]
    [InlineData("sha=:AAAA:, unixsum=1")]
    public void Verify_NoSupportedAlgorithm(string header)
    {
        Assert.Equal(ContentDigestStatus.NoSupportedAlgorithm, ContentDigest.Verify(header, Body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage(")]
    [InlineData("SHA-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:")]
    [InlineData("sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=")]
    [InlineData("sha-256=\"X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\"")]
    [InlineData("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=")]
    [InlineData("sha-256=(:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:)")]
    [InlineData("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:")]
    public void Verify_Malformed(string header)
    {
        Assert.Equal(ContentDigestStatus.Malformed, ContentDigest.Verify(header, Body));
    }

    [Fact]
    public void Verify_Absent_IsMissing()
    {
        Assert.Equal(ContentDigestStatus.Missing, ContentDigest.Verify((string?)null, Body));
        Assert.Equal(ContentDigestStatus.Missing, ContentDigest.Verify(StringValues.Empty, Body));
        Assert.Equal(ContentDigestStatus.Missing, ContentDigest.Verify(new SignableRequest("POST", "https", "h", "/"), Body));
    }

    [Fact]
    public void Verify_SeveralFieldLines_AreCombined()
    {
        var lines = new StringValues(["md5=:AAAAAAAAAAAAAAAAAAAAAA==:", ContentDigest.Create(Body)]);

        Assert.Equal(ContentDigestStatus.Valid, ContentDigest.Verify(lines, Body));
    }
}
