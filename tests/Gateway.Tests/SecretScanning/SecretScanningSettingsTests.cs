using System.Security.Cryptography;
using Gateway.SecretScanning;

namespace Gateway.Tests.SecretScanning;

public sealed class SecretScanningSettingsTests
{
    private static readonly byte[] Body = "[{\"token\":\"gwk_x\"}]"u8.ToArray();

    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(new SecretScanningOptionsValidator().Validate(null, new SecretScanningOptions()).Succeeded);
    }

    [Theory]
    [InlineData("http://api.github.example/keys")]
    [InlineData("ftp://127.0.0.1/keys")]
    [InlineData("not a url")]
    public void KeysUrl_MustBeHttps_OrLoopbackHttp(string url)
    {
        var result = new SecretScanningOptionsValidator().Validate(null, new SecretScanningOptions { PublicKeysUrl = url });
        Assert.Contains("PublicKeysUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new SecretScanningOptionsValidator().Validate(null, new SecretScanningOptions { PublicKeysUrl = "http://127.0.0.1:9/k" }).Succeeded);
    }

    [Fact]
    public void ConfiguredKey_MustBeP256()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var options = new SecretScanningOptions
        {
            PublicKeys = [new SecretScanningPublicKey { KeyIdentifier = "k", Key = p384.ExportSubjectPublicKeyInfoPem() }],
        };

        Assert.Contains("PublicKeys:0:Key", new SecretScanningOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Enabled_WithoutAnyKeySource_IsRefused()
    {
        var result = new SecretScanningOptionsValidator().Validate(null, new SecretScanningOptions { Enabled = true, PublicKeysUrl = "" });
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Verify_AcceptsGitHubsFormat_AndRefusesEverythingElse()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var imported = SigningKeys.TryImport(key.ExportSubjectPublicKeyInfoPem());
        Assert.NotNull(imported);
        var der = Convert.ToBase64String(key.SignData(Body, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var p1363 = Convert.ToBase64String(key.SignData(Body, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

        Assert.True(SigningKeys.Verify(imported, Body, der));
        Assert.False(SigningKeys.Verify(imported, [.. Body, (byte)' '], der));
        Assert.False(SigningKeys.Verify(imported, Body, p1363));
        Assert.False(SigningKeys.Verify(imported, Body, "!!"));
        Assert.False(SigningKeys.Verify(imported, Body, ""));
        Assert.False(SigningKeys.Verify(imported, Body, new string('A', 600)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")]
    [InlineData("not pem")]
    public void TryImport_RefusesNonKeys(string pem)
    {
        Assert.Null(SigningKeys.TryImport(pem));
    }
}
