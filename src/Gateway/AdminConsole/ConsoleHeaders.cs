using Gateway.Listeners;
using Microsoft.AspNetCore.Http;

namespace Gateway.AdminConsole;

/// <summary>
/// Security headers on every console answer (pages, assets, refusals): a CSP without inline script or style,
/// no framing, no referrer, no sniffing, and <c>no-store</c> so no page (one-time secrets included) is cached.
/// </summary>
public sealed class ConsoleHeaders(RequestDelegate next)
{
    /// <summary>The Content-Security-Policy of the console.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Whether <paramref name="context"/> is a console request (admin listener, under <c>/console</c>).</summary>
    public static bool Applies(HttpContext context) =>
        context.Request.Path.StartsWithSegments(ConsoleEndpoints.BasePath, StringComparison.OrdinalIgnoreCase)
        && ListenerMatcherPolicy.CurrentListener(context) == ListenerNames.Admin;

    /// <summary>Adds the headers, then runs the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XContentTypeOptions = "nosniff";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
