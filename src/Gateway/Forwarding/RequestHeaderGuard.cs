using System.Text;
using Gateway.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gateway.Forwarding;

/// <summary>
/// Refuses, before anything else reads them, request headers the gateway cannot pass on faithfully: a value with
/// non-ASCII characters (the forwarder cannot send it; it used to end as an empty 502 counted against the upstream),
/// and — behind trusted proxies — an <c>X-Forwarded-For</c> with an empty entry (the framework would skip it and
/// believe the client-supplied entry to its left). Both are 400 <c>invalid_header</c> naming the header.
/// <c>Authorization</c> and <c>X-API-Key</c> are left to authentication, which answers 401 <c>malformed_credentials</c>.
/// Cost: one vectorised ASCII scan over the header values (well under a microsecond for ordinary requests).
/// </summary>
public sealed class RequestHeaderGuard(RequestDelegate next, IOptions<TrustedProxiesOptions> options)
{
    private readonly bool _checkForwardedFor = options.Value.Proxies.Count > 0;

    /// <summary>Checks the headers, then runs the rest of the pipeline.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        foreach (var header in context.Request.Headers)
        {
            // Credentials are judged by authentication (401 malformed_credentials) and never forwarded by default.
            if (IsCredential(header.Key))
            {
                continue;
            }

            foreach (var value in header.Value)
            {
                if (value is not null && !Ascii.IsValid(value))
                {
                    throw Invalid(header.Key, "Header values must be ASCII; encode other characters (e.g. RFC 8187 or percent-encoding).");
                }
            }
        }

        if (_checkForwardedFor && context.Request.Headers.TryGetValue("X-Forwarded-For", out var forwarded) && HasEmptyEntry(forwarded))
        {
            throw Invalid("X-Forwarded-For", "X-Forwarded-For has an empty entry; the client address cannot be established.");
        }

        return next(context);
    }

    private static bool IsCredential(string name) =>
        string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "X-API-Key", StringComparison.OrdinalIgnoreCase);

    private static bool HasEmptyEntry(Microsoft.Extensions.Primitives.StringValues values)
    {
        foreach (var value in values)
        {
            foreach (var entry in (value ?? "").Split(','))
            {
                if (string.IsNullOrWhiteSpace(entry))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static GatewayProblemException Invalid(string name, string detail)
    {
        var shown = name.Length <= 64 && Ascii.IsValid(name) ? name : "(unprintable)";
        return new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidHeader, $"{detail} Header: {shown}.");
    }
}
