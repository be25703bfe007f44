using Gateway.Signing.Rfc9421;

namespace Gateway.Signing.Tests.Rfc9421;

public sealed class Rfc9421RequirementsTests
{
    [Theory]
    [InlineData("\"@method\" \"@authority\" \"@path\"", ";created=1;nonce=\"n\"", "", false, Rfc9421Error.None)]
    [InlineData("\"@method\" \"@authority\" \"@path\"", ";created=1;nonce=\"n\"", "?", false, Rfc9421Error.None)]
    [InlineData("\"@method\" \"@authority\" \"@path\"", ";created=1;nonce=\"n\"", "?a=1", false, Rfc9421Error.MissingRequiredComponent)]
    [InlineData("\"@method\" \"@authority\" \"@path\" \"@query\"", ";created=1;nonce=\"n\"", "?a=1", false, Rfc9421Error.None)]
    [InlineData("\"@method\" \"@authority\" \"@path\"", ";created=1;nonce=\"n\"", "", true, Rfc9421Error.MissingRequiredComponent)]
    [InlineData("\"@method\" \"@authority\" \"@path\" \"content-digest\"", ";created=1;nonce=\"n\"", "", true, Rfc9421Error.None)]
    [InlineData("\"@authority\" \"@path\"", ";created=1;nonce=\"n\"", "", false, Rfc9421Error.MissingRequiredComponent)]
    [InlineData("\"@method\" \"@path\"", ";created=1;nonce=\"n\"", "", false, Rfc9421Error.MissingRequiredComponent)]
    [InlineData("\"@method\" \"@authority\"", ";created=1;nonce=\"n\"", "", false, Rfc9421Error.MissingRequiredComponent)]
    [InlineData("\"@method\" \"@authority\" \"@path\"", ";nonce=\"n\"", "", false, Rfc9421Error.MissingCreated)]
    [InlineData("\"@method\" \"@authority\" \"@path\"", ";created=1", "", false, Rfc9421Error.MissingNonce)]
    [InlineData("\"@method\" \"@authority\" \"@path\"", ";created=1;nonce=\"\"", "", false, Rfc9421Error.MissingNonce)]
    [InlineData("\"@method\" \"@authority\" \"@path\"", ";created=1;nonce=\"n\";alg=\"x\"", "", false, Rfc9421Error.UnsupportedAlgorithm)]
    public void Check_AppliesGatewayPolicy(string components, string parameters, string query, bool hasBody, Rfc9421Error expected)
    {
        var request = new SignableRequest("POST", "https", "example.com", "/x", query);
        var signature = Rfc9421Parser.Parse("sig1=(" + components + ")" + parameters, "sig1=:AAAA:").Signatures[0];

        Assert.Equal(expected, Rfc9421Requirements.Check(signature, request, hasBody));
    }
}
