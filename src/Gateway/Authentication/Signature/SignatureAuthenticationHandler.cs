using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Authentication.Signature;

/// <summary>
/// The ASP.NET Core handler for signed requests of every registered <see cref="ISignatureScheme"/> (RFC 9421, AWS
/// SigV4): runs the <see cref="SignatureAuthenticator"/>, or returns what it already answered for this request
/// (<see cref="EarlyAuthenticationResult"/>), and writes the challenge.
/// </summary>
public sealed class SignatureAuthenticationHandler(
    IOptionsMonitor<SignatureAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SignatureAuthenticator authenticator)
    : AuthenticationHandler<SignatureAuthenticationOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Context.Features.Get<EarlyAuthenticationResult>() is { } early && string.Equals(early.Scheme, Scheme.Name, StringComparison.Ordinal)
            ? Task.FromResult(early.Result)
            : authenticator.AuthenticateAsync(Context);

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => GatewayChallenge.WriteAsync(Context);
}
