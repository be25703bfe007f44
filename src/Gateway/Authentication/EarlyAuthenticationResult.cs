using Microsoft.AspNetCore.Authentication;

namespace Gateway.Authentication;

/// <summary>
/// The outcome of an authentication the proxy's access step already ran for this request with the handler of
/// <see cref="Scheme"/> (it let the request on to ASP.NET Core's authentication and authorization because the
/// outcome was not a plain success). That handler returns it instead of authenticating again, so a request is
/// verified, counted, traced and logged once.
/// </summary>
/// <param name="Scheme">The authentication scheme (handler) name it was produced for.</param>
/// <param name="Result">The result.</param>
public sealed record EarlyAuthenticationResult(string Scheme, AuthenticateResult Result);
