using System.Diagnostics;
using System.Net.Http.Headers;
using Gateway.Authentication;
using Gateway.Telemetry.TraceContext;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Forwarding;

/// <summary>
/// The request transform on every route: drop every incoming <c>X-Gateway-*</c> header (in any spelling, see
/// <see cref="HeaderNameRules"/>), drop the caller's
/// credentials (<paramref name="credentialHeaders"/>, declared by the registered schemes) unless the route opts out, then add the identity of an authenticated caller. When
/// <paramref name="writeTraceContext"/> is set (no spans are exported, so the upstream client has no diagnostics
/// handler, see <see cref="UntracedForwarderHttpClientFactory"/>), it also replaces the caller's trace context headers
/// with the request activity's, as that handler would have done, or without an activity with the request's own
/// <see cref="RequestTraceContext"/> (docs/OPERATIONS.md, "Traces").
/// </summary>
public sealed class IdentityTransform(bool forwardCredentials, CredentialHeaderSet credentialHeaders, bool writeTraceContext = false) : RequestTransform
{
    private readonly DistributedContextPropagator? _propagator = writeTraceContext ? DistributedContextPropagator.Current : null;
    private readonly string[] _traceFields = writeTraceContext ? [.. DistributedContextPropagator.Current.Fields] : [];

    /// <inheritdoc />
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var headers = context.ProxyRequest.Headers;
        var traceFieldsSent = RemoveMatching(headers, forwardCredentials ? null : credentialHeaders, _traceFields);
        if (context.ProxyRequest.Content is { } content)
        {
            RemoveMatching(content.Headers, forwardCredentials ? null : credentialHeaders, []);
        }

        var identity = GatewayIdentity.Of(context.HttpContext);
        if (identity is not null)
        {
            // Room at once for what follows: traceparent (written here or by the upstream client's diagnostics
            // handler), the identity headers, and X-Forwarded-For, -Proto and -Host from YARP's default transforms.
            HttpHeadersCapacity.EnsureCapacity(headers, 1 + (identity.ProjectId is null ? IdentityHeaders.Count - 1 : IdentityHeaders.Count) + ForwardedHeaders);
        }

        if (_propagator is not null)
        {
            if (traceFieldsSent)
            {
                foreach (var field in _traceFields)
                {
                    headers.Remove(field);
                }
            }

            if (Activity.Current is { } activity)
            {
                _propagator.Inject(activity, headers, static (carrier, name, value) =>
                    ((HttpRequestHeaders)carrier!).TryAddWithoutValidation(name, value));
            }
            else
            {
                WriteTraceContext(context.HttpContext, headers, traceFieldsSent);
            }
        }

        if (identity is not null)
        {
            headers.TryAddWithoutValidation(IdentityHeaders.PrincipalId, identity.PrincipalId);
            headers.TryAddWithoutValidation(IdentityHeaders.PrincipalType, identity.PrincipalType);
            headers.TryAddWithoutValidation(IdentityHeaders.PrincipalName, identity.Name);
            headers.TryAddWithoutValidation(IdentityHeaders.OrgId, identity.OrgId);
            if (identity.ProjectId is not null)
            {
                headers.TryAddWithoutValidation(IdentityHeaders.ProjectId, identity.ProjectId);
            }

            headers.TryAddWithoutValidation(IdentityHeaders.KeyId, identity.KeyId);
            headers.TryAddWithoutValidation(IdentityHeaders.AuthScheme, identity.AuthScheme);
            headers.TryAddWithoutValidation(IdentityHeaders.Scopes, identity.ScopeList ?? string.Join(' ', identity.Scopes));
        }

        return ValueTask.CompletedTask;
    }

    // No activity (the usual case without spans): the request's own trace context, as the propagator wrote the activity's.
    private static void WriteTraceContext(HttpContext httpContext, HttpRequestHeaders headers, bool traceFieldsSent)
    {
        var trace = RequestTraceContext.Of(httpContext);
        headers.TryAddWithoutValidation(TraceParentHeader, trace.UpstreamTraceParent());
        if (trace.TraceState is { } traceState)
        {
            headers.TryAddWithoutValidation(TraceStateHeader, traceState);
        }

        if (traceFieldsSent && W3CBaggage.Encode(httpContext.Request.Headers) is { } baggage)
        {
            headers.TryAddWithoutValidation(BaggageHeader, baggage);
        }
    }

    private const string TraceParentHeader = "traceparent";
    private const string TraceStateHeader = "tracestate";
    private const string BaggageHeader = "baggage";

    // X-Forwarded-For, -Proto and -Host, which YARP's default transforms add after this one (and -Prefix under a path base).
    private const int ForwardedHeaders = 3;

    // Removes the identity headers and the credentials (null: kept); says whether any of traceFields was sent, so
    // that replacing the trace context removes nothing when the caller sent none (the usual case).
    private static bool RemoveMatching(HttpHeaders headers, CredentialHeaderSet? credentials, string[] traceFields)
    {
        // NonValidated: the names as they are, without parsing (and locking) every header's values as the
        // validating enumerator does.
        // The names to remove, the first few inline: a bearer request has one (its credential), a SigV4 request three,
        // and neither needs a list.
        var few = default(FewNames);
        var count = 0;
        List<string>? more = null;
        var traceFieldsSent = false;
        foreach (var header in headers.NonValidated)
        {
            var name = header.Key;
            if (HeaderNameRules.IsIdentity(name) || (credentials is not null && HeaderNameRules.IsCredential(name, credentials)))
            {
                if (count < FewNames.Length)
                {
                    few[count++] = name;
                }
                else
                {
                    (more ??= []).Add(name);
                }
            }
            else if (!traceFieldsSent && IsAnyOf(name, traceFields))
            {
                traceFieldsSent = true;
            }
        }

        for (var i = 0; i < count; i++)
        {
            headers.Remove(few[i]!);
        }

        if (more is not null)
        {
            foreach (var name in more)
            {
                headers.Remove(name);
            }
        }

        return traceFieldsSent;
    }

    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct FewNames
    {
        public const int Length = 4;
        private string? _name;
    }

    private static bool IsAnyOf(string name, string[] fields)
    {
        foreach (var field in fields)
        {
            if (string.Equals(name, field, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
