using System.Security.Cryptography;
using System.Text;
using Gateway.Authentication.Signature;
using Gateway.Signing.SigV4;

namespace Gateway.Tests.Authentication;

public sealed class SigningSecretTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("AWS4-HMAC-SHA256\n20261130T120000Z\n…");

    private static byte[] Derived(string date)
    {
        var key = new byte[32];
        SigV4Canonicalizer.DeriveSigningKey(Secret, date, "us-east-1", "service", key);
        return key;
    }

    private static byte[] Mac(Gateway.Signing.HmacSha256Key key)
    {
        var mac = new byte[32];
        key.Compute(Message, mac);
        return mac;
    }

    [Fact]
    public void SigV4SigningKey_IsTheDerivedKey_KeptForTheScope_AndDerivedAgainForANewDate()
    {
        var secret = new SigningSecret(Encoding.UTF8.GetBytes(Secret));

        var first = secret.SigV4SigningKey("20261130", "us-east-1", "service");
        var again = secret.SigV4SigningKey("20261130", "us-east-1", "service");
        var nextDay = secret.SigV4SigningKey("20261201", "us-east-1", "service");

        Assert.Equal(HMACSHA256.HashData(Derived("20261130"), Message), Mac(first));
        Assert.Same(first, again);
        Assert.Equal(HMACSHA256.HashData(Derived("20261201"), Message), Mac(nextDay));
        Assert.Equal(Encoding.UTF8.GetBytes(Secret), secret.Bytes);
    }

    [Fact]
    public void Key_IsTheSecretAsAnHmacKey()
    {
        var secret = new SigningSecret(Encoding.UTF8.GetBytes(Secret));

        Assert.Equal(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Message), Mac(secret.Key));
    }
}
