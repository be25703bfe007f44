using Gateway.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Authentication;

/// <summary>Writes the answer to an authentication challenge: 401 (or 413/503) problem and the scheme challenges.</summary>
public static class GatewayChallenge
{
    /// <summary>Answers for the failure recorded on the request, or <c>missing_credentials</c> when none was.</summary>
    public static Task WriteAsync(HttpContext context)
    {
        var failure = context.Features.Get<AuthenticationFailureFeature>()
            ?? new AuthenticationFailureFeature(ErrorCodes.MissingCredentials,
                "Send an API key (Authorization: Bearer or X-API-Key) or sign the request.");
        var status = failure.Code switch
        {
            ErrorCodes.AuthUnavailable => StatusCodes.Status503ServiceUnavailable,
            ErrorCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status401Unauthorized,
        };

        if (status == StatusCodes.Status401Unauthorized)
        {
            var error = failure.Code == ErrorCodes.MissingCredentials ? "" : ", error=\"invalid_token\"";
            var challenges = context.RequestServices.GetRequiredService<AuthenticationChallenges>().Values;
            var values = new string[challenges.Length];
            for (var i = 0; i < challenges.Length; i++)
            {
                values[i] = i == 0 ? challenges[i] + error : challenges[i];
            }

            context.Response.Headers.WWWAuthenticate = values;
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        return ProblemWriter.WriteAsync(context, status, failure.Code, failure.Detail);
    }
}
