using Gateway.Errors;
using Gateway.Listeners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Gateway.Admin;

/// <summary>
/// The admin listener's last-resort endpoint: a known admin path with another method answers <c>405
/// method_not_allowed</c> with <c>Allow</c> listing the path's methods; any other path <c>404 not_found</c>.
/// (Routing's own 405 endpoint carries no listener, so the listener policy cannot keep it to the admin listener.)
/// Costs nothing on the proxy listener; on the admin listener it runs only for requests no endpoint matched.
/// </summary>
public static class AdminMethodNotAllowed
{
    /// <summary>Maps the fallback on the admin listener (after every admin endpoint).</summary>
    public static void MapAdminMethodNotAllowed(this IEndpointRouteBuilder endpoints)
    {
        var dataSource = new Lazy<IReadOnlyList<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)>>(() =>
            endpoints.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<ListenerMetadata>()?.Name == ListenerNames.Admin
                    && e.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 })
                .Select(e => (new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()),
                    e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods))
                .ToList());
        endpoints.MapFallback("/{**path}", (HttpContext context) => AnswerAsync(context, dataSource.Value))
            .WithMetadata(new ListenerMetadata(ListenerNames.Admin));
    }

    private static async Task AnswerAsync(HttpContext context, IReadOnlyList<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)> routes)
    {
        var allowed = routes.Where(r => r.Matcher.TryMatch(context.Request.Path, new RouteValueDictionary()))
            .SelectMany(r => r.Methods).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (allowed.Count == 0)
        {
            await ProblemWriter.WriteAsync(context, StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No resource matches this path.");
            return;
        }

        context.Response.Headers.Allow = string.Join(", ", allowed);
        await ProblemWriter.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed,
            $"This resource accepts {string.Join(", ", allowed)}.");
    }
}
