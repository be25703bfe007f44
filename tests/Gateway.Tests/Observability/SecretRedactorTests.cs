using Gateway.Observability.Redaction;

namespace Gateway.Tests.Observability;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("Request starting HTTP/1.1 GET http://h/echo/x?access_token=gwk_abc_def - - -", "Request starting HTTP/1.1 GET http://h/echo/x?access_token=[redacted] - - -")]
    [InlineData("GET http://h/x?page=2&sig=abcdef#frag", "GET http://h/x?page=[redacted]&sig=[redacted]#frag")]
    [InlineData("path '/echo/gwk_AAAA_BBBB/y'", "path '/echo/gwk_[redacted]/y'")]
    [InlineData("secret gws_Zm9vYmFy-_x here", "secret gws_[redacted] here")]
    [InlineData("Authorization: Bearer abc.def, next", "Authorization: Bearer [redacted], next")]
    [InlineData("basic dXNlcjpwYXNz", "basic [redacted]")]
    public void Redact_RemovesPossibleCredentials(string text, string expected) => Assert.Equal(expected, SecretRedactor.Redact(text));

    [Fact]
    public void Redact_LeavesCleanTextTheSameInstance()
    {
        var text = "Executed endpoint 'echo' for ak_T8wnD1S4PvvERW7s in 3 ms";
        Assert.Same(text, SecretRedactor.Redact(text));
        Assert.Equal(42, SecretRedactor.Redact((object)42));
    }
}
