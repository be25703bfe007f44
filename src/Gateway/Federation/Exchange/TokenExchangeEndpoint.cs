using System.Text;
using Gateway.Accounts;
using Gateway.Listeners;
using Gateway.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Gateway.Federation.Exchange;

/// <summary>
/// <c>POST /.gateway/token</c> on the proxy listener: the RFC 8693 token exchange. Form-encoded
/// (<c>application/x-www-form-urlencoded</c>, at most 32 KiB, each parameter once): <c>grant_type</c> =
/// <c>urn:ietf:params:oauth:grant-type:token-exchange</c>, <c>subject_token</c> = the CI id_token,
/// <c>subject_token_type</c> = <c>urn:ietf:params:oauth:token-type:id_token</c>; optional <c>audience</c> = a
/// service account id to restrict the candidate policies, optional <c>requested_token_type</c> (access token only).
/// <c>scope</c> (narrowing) and <c>actor_token</c> (delegation) are refused. Anonymous: the subject token is the proof.
/// </summary>
public static class TokenExchangeEndpoint
{
    private static readonly HashSet<string> Known =
        ["grant_type", "subject_token", "subject_token_type", "audience", "requested_token_type", "resource", "scope", "actor_token", "actor_token_type"];

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointConventionBuilder MapTokenExchange(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(FederationDefaults.TokenPath, HandleAsync)
            .AllowAnonymous()
            .WithMetadata(new ListenerMetadata(ListenerNames.Proxy));

    private static async Task HandleAsync(HttpContext context, TokenExchangeService service, FederationMetrics metrics)
    {
        var (form, problem) = await ReadFormAsync(context.Request);
        if (problem is null)
        {
            problem = Check(form!);
        }

        if (problem is not null)
        {
            metrics.Count(problem.Outcome);
            await OAuthProblem.WriteAsync(context, problem);
            return;
        }

        var audience = form!.TryGetValue("audience", out var a) ? a : null;
        var (response, failure) = await service.ExchangeAsync(context, form["subject_token"], audience, context.RequestAborted);
        if (failure is not null)
        {
            await OAuthProblem.WriteAsync(context, failure);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        await context.Response.WriteAsJsonAsync(response, GatewayJson.Options, context.RequestAborted);
    }

    private static ExchangeFailure? Check(Dictionary<string, string> form)
    {
        if (!form.TryGetValue("grant_type", out var grant))
        {
            return FederationErrorCodes.BadRequest("grant_type is required.");
        }

        if (grant != FederationDefaults.TokenExchangeGrant)
        {
            return new ExchangeFailure(StatusCodes.Status400BadRequest, FederationErrorCodes.UnsupportedGrantType, "unsupported_grant_type",
                $"Only grant_type={FederationDefaults.TokenExchangeGrant} is supported.", "invalid_request");
        }

        if (!form.TryGetValue("subject_token", out var subject) || subject.Length == 0)
        {
            return FederationErrorCodes.BadRequest("subject_token is required.");
        }

        if (!form.TryGetValue("subject_token_type", out var type) || type != FederationDefaults.IdTokenType)
        {
            return FederationErrorCodes.BadRequest($"subject_token_type must be {FederationDefaults.IdTokenType}.");
        }

        if (form.TryGetValue("requested_token_type", out var requested) && requested != FederationDefaults.AccessTokenType)
        {
            return FederationErrorCodes.BadRequest($"requested_token_type may only be {FederationDefaults.AccessTokenType}.");
        }

        if (form.ContainsKey("actor_token") || form.ContainsKey("actor_token_type"))
        {
            return FederationErrorCodes.BadRequest("Delegation (actor_token) is not supported.");
        }

        if (form.ContainsKey("scope"))
        {
            return new ExchangeFailure(StatusCodes.Status400BadRequest, "invalid_scope", "invalid_scope",
                "Scopes cannot be requested: the token carries the service account's roles.", "invalid_request");
        }

        if (form.ContainsKey("resource"))
        {
            return new ExchangeFailure(StatusCodes.Status400BadRequest, "invalid_target", "invalid_target",
                "resource is not supported; use audience with a service account id to choose the account.", "invalid_request");
        }

        if (form.TryGetValue("audience", out var audience) && !IdGenerator.IsValid(audience, IdGenerator.AccountPrefix))
        {
            return new ExchangeFailure(StatusCodes.Status400BadRequest, "invalid_target", "invalid_target",
                "audience, when given, is the id of the service account to act as (sa_…).", "invalid_request");
        }

        return null;
    }

    private static async Task<(Dictionary<string, string>? Form, ExchangeFailure? Problem)> ReadFormAsync(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, FederationErrorCodes.BadRequest("The request must be application/x-www-form-urlencoded (RFC 8693)."));
        }

        if (request.ContentLength > FederationDefaults.MaxRequestBytes)
        {
            return (null, FederationErrorCodes.BadRequest("The request body is too large."));
        }

        var buffer = new byte[FederationDefaults.MaxRequestBytes + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await request.Body.ReadAsync(buffer.AsMemory(read), request.HttpContext.RequestAborted);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read > FederationDefaults.MaxRequestBytes)
        {
            return (null, FederationErrorCodes.BadRequest("The request body is too large."));
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(buffer, 0, read);
        }
        catch (DecoderFallbackException)
        {
            return (null, FederationErrorCodes.BadRequest("The request body is not UTF-8."));
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in QueryHelpers.ParseQuery(text.Length == 0 ? "" : "?" + text))
        {
            if (values.Count != 1)
            {
                return (null, FederationErrorCodes.BadRequest($"Parameter '{(name.Length <= 32 ? name : name[..32])}' must appear once."));
            }

            if (Known.Contains(name))
            {
                form[name] = values[0] ?? "";
            }
        }

        return (form, null);
    }
}
