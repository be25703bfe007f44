using System.Text;
using Gateway.Authentication.Signature;
using Gateway.Signing.SigV4;

namespace Gateway.Tests.Authentication;

public sealed class SigningSecretTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private static byte[] Derived(string date)
    {
        var key = new byte[32];
        SigV4Canonicalizer.DeriveSigningKey(Secret, date, "us-east-1", "service", key);
        return key;
    }

    [Fact]
    public void SigV4SigningKey_IsTheDerivedKey_KeptForTheScope_AndDerivedAgainForANewDate()
    {
        var secret = new SigningSecret(Encoding.UTF8.GetBytes(Secret));

        var first = secret.SigV4SigningKey("20261130", "us-east-1", "service").ToArray();
        var again = secret.SigV4SigningKey("20261130", "us-east-1", "service");
        var nextDay = secret.SigV4SigningKey("20261201", "us-east-1", "service").ToArray();

        Assert.Equal(Derived("20261130"), first);
        Assert.True(again.SequenceEqual(first));
        Assert.Equal(Derived("20261201"), nextDay);
        Assert.Equal(Encoding.UTF8.GetBytes(Secret), secret.Bytes);
    }
}
