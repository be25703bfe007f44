using Gateway.Accounts;
using Gateway.Admin.Access;
using Gateway.Audit;
using Gateway.Authorization;
using Gateway.Errors;
using Gateway.Listeners;
using Gateway.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Admin;

/// <summary><c>GET /v1/audit?principalId=&amp;action=&amp;since=&amp;limit=&amp;cursor=</c> on the admin listener (<c>gateway.audit:read</c>).</summary>
public static class AuditEndpoints
{
    /// <summary>Largest page: 1000.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Maps the endpoint.</summary>
    public static void MapAuditEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/v1/audit", QueryAsync)
            .WithMetadata(new ListenerMetadata(ListenerNames.Admin))
            .RequireAuthorization(GatewayScopes.AuditRead);

    private static bool TryDecodeCursor(string value, out (long, string)? position)
    {
        var ok = AuditCursor.TryDecode(value, out var decoded);
        position = ok ? decoded : null;
        return ok;
    }

    private static async Task<IResult> QueryAsync(HttpRequest request, IAuditStore store, IAccountStore accounts, AdminAuthorizer authorizer)
    {
        var q = request.Query;
        var errors = new ValidationErrors();
        var query = new AuditQuery();
        if (q["principalId"].ToString() is { Length: > 0 } principal)
        {
            if (!IdGenerator.IsValid(principal, IdGenerator.AccountPrefix))
            {
                errors.Add("principalId", "An account id (sa_…).");
            }

            query = query with { PrincipalId = principal };
        }

        if (q["action"].ToString() is { Length: > 0 } action)
        {
            if (action.Length > 64 || !action.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_'))
            {
                errors.Add("action", "An action such as key.revoke or proxy.request.");
            }

            query = query with { Action = action };
        }

        if (q["since"].ToString() is { Length: > 0 } since)
        {
            if (DateTimeOffset.TryParse(since, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
            {
                query = query with { Since = time };
            }
            else
            {
                errors.Add("since", "An RFC 3339 time, e.g. 2026-11-22T00:00:00Z.");
            }
        }

        query = query with
        {
            Limit = PagingParameters.Limit(q, MaxLimit, errors) ?? query.Limit,
            Before = PagingParameters.Cursor<(long, string)?>(q, errors, TryDecodeCursor),
        };

        errors.ThrowIfAny();
        var page = await store.QueryAsync(query, request.HttpContext.RequestAborted);
        var caller = authorizer.Caller(request.HttpContext);
        if (!caller.IsPlatform)
        {
            page = await TenantViewAsync(caller, page, accounts, request.HttpContext.RequestAborted);
        }

        return Results.Json(page, GatewayJson.Options);
    }

    /// <summary>
    /// A tenant administrator sees only events whose principal is an account of its tenant (events of deleted or
    /// unauthenticated principals are left out). The page may be shorter than the limit; the cursor still continues.
    /// </summary>
    private static async Task<AuditPage> TenantViewAsync(AdminCaller caller, AuditPage page, IAccountStore accounts, CancellationToken cancellationToken)
    {
        var visible = new Dictionary<string, bool>(StringComparer.Ordinal);
        var items = new List<AuditEvent>(page.Items.Count);
        foreach (var item in page.Items)
        {
            // A system event (scheduled or leak revocation) belongs to the account it names.
            if ((item.PrincipalId ?? item.Details?.GetValueOrDefault(AuditKinds.AccountDetail)) is not { } principal)
            {
                continue;
            }

            if (!visible.TryGetValue(principal, out var shown))
            {
                shown = await accounts.GetAccountAsync(principal, cancellationToken) is { } account
                    && AdminAuthorizer.Administers(caller, account.OrgId, account.ProjectId);
                visible[principal] = shown;
            }

            if (shown)
            {
                items.Add(item);
            }
        }

        return page with { Items = items };
    }
}
