using Gateway.Accounts;
using Gateway.Accounts.Invalidation;
using Gateway.Accounts.Roles;
using Gateway.Admin.Access;
using Gateway.Admin.Contracts;
using Gateway.Audit;
using Gateway.Authorization;
using Gateway.Errors;
using Gateway.Listeners;
using Gateway.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Admin;

/// <summary><c>GET /v1/roles</c> and <c>PUT /v1/roles/{name}</c> on the admin listener.</summary>
public static class RoleEndpoints
{
    /// <summary>Most scopes one role may hold: 64.</summary>
    public const int MaxScopes = 64;

    /// <summary>Maps the role endpoints.</summary>
    public static void MapRoleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var roles = endpoints.MapGroup("/v1/roles").WithMetadata(new ListenerMetadata(ListenerNames.Admin));
        roles.MapGet("", (RoleRegistry registry) =>
                Results.Json(new RoleList(registry.All.Select(RoleResponse.From).ToArray()), GatewayJson.Options))
            .RequireAuthorization(GatewayScopes.AccountsRead);
        roles.MapPut("/{name}", PutRole).RequireAuthorization(GatewayScopes.AccountsWrite).Audited(AuditActions.RolePut, "name");
    }

    private static async Task<IResult> PutRole(
        string name, HttpRequest request, RoleRegistry registry, IInvalidationPublisher invalidations, AdminAuthorizer authorizer, TimeProvider time)
    {
        // Roles are shared by every tenant: changing one changes what accounts of other orgs may do.
        var caller = authorizer.Caller(request.HttpContext);
        authorizer.EnsurePlatform(caller, "create or change roles");
        var body = await AdminJsonReader.ReadAsync<PutRoleRequest>(request);
        var errors = new ValidationErrors();
        if (!NameRules.IsValidIdentifier(name))
        {
            errors.Add("name", "1-64 characters of letters, digits, '.', '-' or '_', starting with a letter or digit.");
        }

        AdminValidation.ValidateDescription(body.Description, errors);
        if (body.Scopes is not { Length: > 0 and <= MaxScopes })
        {
            errors.Add("scopes", $"Required: 1 to {MaxScopes} scopes.");
        }
        else
        {
            for (var i = 0; i < body.Scopes.Length; i++)
            {
                if (body.Scopes[i] is not { } scope || !ScopeMatcher.IsValidPattern(scope))
                {
                    errors.Add($"scopes[{i}]", "A scope is resource:action (letters, digits, '.', '-', '_', '*' wildcards), or '*'.");
                }
            }
        }

        errors.ThrowIfAny();
        if (BuiltInRoles.All.ContainsKey(name))
        {
            throw new GatewayProblemException(StatusCodes.Status409Conflict, ErrorCodes.Conflict, $"The built-in role '{name}' cannot be changed.");
        }

        var existing = registry.All.FirstOrDefault(r => r.Name == name);
        AdminAuthorizer.EnsureCanGrantScopes(caller, body.Scopes!);
        if (existing is not null)
        {
            AdminAuthorizer.EnsureCanReplaceRole(caller, existing);
        }

        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var role = new Role
        {
            Name = name,
            Description = body.Description,
            Scopes = body.Scopes!.Distinct(StringComparer.Ordinal).ToArray(),
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        };
        var created = await registry.PutAsync(role, request.HttpContext.RequestAborted);
        await invalidations.PublishAsync(CacheInvalidation.Roles, CancellationToken.None);
        var response = Results.Json(RoleResponse.From(role), GatewayJson.Options,
            statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        return created ? new CreatedResult($"/v1/roles/{name}", response) : response;
    }
}
