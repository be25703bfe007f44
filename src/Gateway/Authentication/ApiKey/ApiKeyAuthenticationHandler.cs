using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Authentication.ApiKey;

/// <summary>
/// The ASP.NET Core handler for <c>Authorization: Bearer gwk_…</c> or <c>X-API-Key: gwk_…</c>: runs the
/// <see cref="ApiKeyAuthenticator"/>, or returns what it already answered for this request
/// (<see cref="EarlyAuthenticationResult"/>), and writes the challenge.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Context.Features.Get<EarlyAuthenticationResult>() is { } early && string.Equals(early.Scheme, Scheme.Name, StringComparison.Ordinal)
            ? Task.FromResult(early.Result)
            : authenticator.AuthenticateAsync(Context);

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => GatewayChallenge.WriteAsync(Context);
}
