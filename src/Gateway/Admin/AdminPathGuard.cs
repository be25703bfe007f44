using Gateway.Errors;
using Gateway.Listeners;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Admin;

/// <summary>
/// Takes admin paths literally. Kestrel removes dot segments before routing, so
/// <c>DELETE /v1/service-accounts/sa_…/keys/..</c> would become <c>DELETE /v1/service-accounts/sa_…</c> and delete
/// the account. On the admin listener a request target with a dot segment (<c>.</c>, <c>..</c>, also
/// percent-encoded) or an encoded slash or backslash is refused with 400 <c>invalid_path</c> before routing.
/// </summary>
public sealed class AdminPathGuard(RequestDelegate next)
{
    /// <summary>Checks the raw target on the admin listener, then runs the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (ListenerMatcherPolicy.CurrentListener(context) == ListenerNames.Admin
            && context.Features.Get<IHttpRequestFeature>()?.RawTarget is { } target
            && !IsLiteral(target))
        {
            throw new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidPath,
                "Admin paths may not contain dot segments or encoded slashes.");
        }

        return next(context);
    }

    /// <summary><c>true</c> when the path of <paramref name="target"/> has no dot segment and no encoded slash.</summary>
    public static bool IsLiteral(string target)
    {
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        if (path.Contains("%2f", StringComparison.OrdinalIgnoreCase) || path.Contains("%5c", StringComparison.OrdinalIgnoreCase)
            || path.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var segment in path.Split('/'))
        {
            var decoded = segment.Replace("%2e", ".", StringComparison.OrdinalIgnoreCase);
            if (decoded is "." or "..")
            {
                return false;
            }
        }

        return true;
    }
}
