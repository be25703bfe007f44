using Gateway.Accounts;
using Gateway.Admin.Access;
using Gateway.Admin.Contracts;
using Gateway.Admin.Runners;
using Gateway.Audit;
using Gateway.Authorization;
using Gateway.Errors;
using Gateway.Listeners;
using Gateway.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Admin;

/// <summary>The admin API (<c>/v1</c>) on the admin listener. Every call needs a <c>gateway.*</c> scope.</summary>
public static class AdminEndpoints
{
    /// <summary>Maps the admin API.</summary>
    public static void MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup("/v1").WithMetadata(new ListenerMetadata(ListenerNames.Admin));
        var accounts = v1.MapGroup("/service-accounts");

        accounts.MapPost("", CreateAccount).RequireAuthorization(GatewayScopes.AccountsWrite).Audited(AuditActions.AccountCreate);
        accounts.MapGet("", ListAccounts).RequireAuthorization(GatewayScopes.AccountsRead);
        accounts.MapGet("/{accountId}", GetAccount).RequireAuthorization(GatewayScopes.AccountsRead);
        accounts.MapPatch("/{accountId}", PatchAccount).RequireAuthorization(GatewayScopes.AccountsWrite)
            .Audited(AuditActions.AccountUpdate, "accountId");
        accounts.MapDelete("/{accountId}", DeleteAccount).RequireAuthorization(GatewayScopes.AccountsWrite)
            .Audited(AuditActions.AccountDelete, "accountId");
        accounts.MapPost("/{accountId}/keys", CreateKey).RequireAuthorization(GatewayScopes.AccountsWrite).Audited(AuditActions.KeyCreate);
        accounts.MapGet("/{accountId}/keys", ListKeys).RequireAuthorization(GatewayScopes.AccountsRead);
        accounts.MapDelete("/{accountId}/keys/{keyId}", RevokeKey).RequireAuthorization(GatewayScopes.AccountsWrite)
            .Audited(AuditActions.KeyRevoke, "keyId");
        accounts.MapPatch("/{accountId}/keys/{keyId}", PatchKey).RequireAuthorization(GatewayScopes.AccountsWrite)
            .Audited(AuditActions.KeyUpdate, "keyId");
        accounts.MapPost("/{accountId}/keys/{keyId}/renew", RenewKey).RequireAuthorization(GatewayScopes.AccountsWrite)
            .Audited(AuditActions.KeyRenew, "keyId");
        v1.MapRunnerApi();
    }

    private static async Task<IResult> CreateAccount(HttpRequest request, AdminValidation validation, AccountService service, AdminAuthorizer authorizer)
    {
        var body = validation.Validate(await AdminJsonReader.ReadAsync<CreateServiceAccountRequest>(request));
        var caller = authorizer.Caller(request.HttpContext);
        AdminAuthorizer.EnsureTenant(caller, body.OrgId, body.ProjectId);
        authorizer.EnsureCanGrantRoles(caller, body.Roles);
        var account = await service.CreateAccountAsync(body, request.HttpContext.RequestAborted);
        return new CreatedResult($"/v1/service-accounts/{account.Id}",
            Results.Json(ServiceAccountResponse.From(account), GatewayJson.Options, statusCode: StatusCodes.Status201Created));
    }

    private static async Task<IResult> ListAccounts(HttpRequest request, IAccountStore store, AdminAuthorizer authorizer)
    {
        var query = request.Query;
        var errors = new ValidationErrors();
        var filter = new AccountQuery
        {
            OrgId = OptionalIdentifier(query["orgId"], "orgId", errors),
            ProjectId = OptionalIdentifier(query["projectId"], "projectId", errors),
        };

        switch (query["status"].ToString())
        {
            case "":
                break;
            case "active":
                filter = filter with { Status = AccountStatus.Active };
                break;
            case "disabled":
                filter = filter with { Status = AccountStatus.Disabled };
                break;
            default:
                errors.Add("status", "Must be 'active' or 'disabled'.");
                break;
        }

        filter = filter with
        {
            Limit = PagingParameters.Limit(query, AccountDefaults.MaxPageSize, errors) ?? filter.Limit,
            After = PagingParameters.Cursor<AccountCursor?>(query, errors, AccountCursor.TryDecode),
        };

        errors.ThrowIfAny();
        if (AdminAuthorizer.Restrict(authorizer.Caller(request.HttpContext), filter) is not { } restricted)
        {
            return Results.Json(new ServiceAccountPage([], null), GatewayJson.Options);
        }

        var page = await store.ListAccountsAsync(restricted, request.HttpContext.RequestAborted);
        return Results.Json(
            new ServiceAccountPage(page.Items.Select(ServiceAccountResponse.From).ToArray(), page.Next?.Encode()),
            GatewayJson.Options);
    }

    private static async Task<IResult> GetAccount(string accountId, AccountService service, AdminAuthorizer authorizer, HttpContext context) =>
        Results.Json(ServiceAccountResponse.From(await VisibleAsync(accountId, service, authorizer, context)), GatewayJson.Options);

    private static async Task<IResult> PatchAccount(
        string accountId, HttpRequest request, AdminValidation validation, AccountService service, AdminAuthorizer authorizer)
    {
        using var document = await AdminJsonReader.ReadDocumentAsync(request)
            ?? throw new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "A JSON body is required.");
        var patch = AccountPatch.Parse(document, validation);
        var caller = authorizer.Caller(request.HttpContext);
        await VisibleAsync(accountId, service, authorizer, request.HttpContext);

        // Judged again on the state the change is applied to, so a concurrent change cannot slip past the rules.
        var account = await service.UpdateAccountAsync(accountId, current =>
        {
            AdminAuthorizer.Visible(caller, current);
            if (patch.ChangesPrivileges)
            {
                AdminAuthorizer.EnsureNotSelf(caller, current, "change the roles, status or allowed CIDRs of");
            }

            authorizer.EnsureCanAdminister(caller, current);

            if (patch.Roles is { } roles)
            {
                authorizer.EnsureCanGrantRoles(caller, roles);
            }

            return patch.ApplyTo(current);
        }, request.HttpContext.RequestAborted);
        return Results.Json(ServiceAccountResponse.From(account), GatewayJson.Options);
    }

    private static async Task<IResult> DeleteAccount(string accountId, AccountService service, AdminAuthorizer authorizer, HttpContext context)
    {
        var target = await AdministeredAsync(accountId, service, authorizer, context);
        AdminAuthorizer.EnsureNotSelf(authorizer.Caller(context), target, "delete");
        await service.DeleteAccountAsync(accountId, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> CreateKey(
        string accountId, HttpRequest request, AdminValidation validation, AccountService service, AdminAuthorizer authorizer, TimeProvider time)
    {
        var spec = validation.Validate(await AdminJsonReader.ReadOptionalAsync<CreateKeyRequest>(request) ?? new CreateKeyRequest());
        await AdministeredAsync(accountId, service, authorizer, request.HttpContext);
        var issued = await service.CreateKeyAsync(accountId, spec, request.HttpContext.RequestAborted);
        return Created(accountId, issued, time);
    }

    private static async Task<IResult> ListKeys(
        string accountId, AccountService service, AdminAuthorizer authorizer, TimeProvider time, HttpContext context)
    {
        await VisibleAsync(accountId, service, authorizer, context);
        var keys = await service.ListKeysAsync(accountId, context.RequestAborted);
        var now = time.GetUtcNow();
        return Results.Json(new KeyList(keys.Select(k => KeyResponse.From(k, now)).ToArray()), GatewayJson.Options);
    }

    private static async Task<IResult> RevokeKey(
        string accountId, string keyId, AccountService service, AdminAuthorizer authorizer, HttpContext context)
    {
        EnsureKeyIdShape(accountId, keyId);
        await AdministeredAsync(accountId, service, authorizer, context);
        await service.RevokeKeyAsync(accountId, keyId, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> PatchKey(
        string accountId, string keyId, HttpRequest request, AccountService service, AdminAuthorizer authorizer, TimeProvider time)
    {
        using var document = await AdminJsonReader.ReadDocumentAsync(request)
            ?? throw new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "A JSON body is required.");
        var patch = KeyPatch.Parse(document);
        EnsureKeyIdShape(accountId, keyId);
        await AdministeredAsync(accountId, service, authorizer, request.HttpContext);
        var key = await service.UpdateKeyAsync(accountId, keyId, patch.ApplyTo, request.HttpContext.RequestAborted);
        return Results.Json(KeyResponse.From(key, time.GetUtcNow()), GatewayJson.Options);
    }

    private static async Task<IResult> RenewKey(
        string accountId, string keyId, HttpRequest request, AdminValidation validation, AccountService service,
        AdminAuthorizer authorizer, TimeProvider time)
    {
        var body = await AdminJsonReader.ReadOptionalAsync<RenewKeyRequest>(request);
        var expiresAt = validation.Validate(body);
        var grace = KeyRotation.RenewalAudit.ValidateGrace(body?.GracePeriod);
        EnsureKeyIdShape(accountId, keyId);
        await AdministeredAsync(accountId, service, authorizer, request.HttpContext);
        var issued = await service.RenewKeyAsync(accountId, keyId, expiresAt, grace, request.HttpContext.RequestAborted);
        KeyRotation.RenewalAudit.Record(request.HttpContext, issued, grace);
        return Created(accountId, issued, time);
    }

    /// <summary>The account when the caller may see it (else 404, like an unknown one).</summary>
    private static async Task<ServiceAccount> VisibleAsync(string accountId, AccountService service, AdminAuthorizer authorizer, HttpContext context)
    {
        // An id of the wrong shape cannot exist: answered without asking the store.
        if (!IdGenerator.IsValid(accountId, IdGenerator.AccountPrefix))
        {
            throw AdminAuthorizer.AccountNotFound(accountId.Length <= 64 ? accountId : accountId[..64]);
        }

        return AdminAuthorizer.Visible(authorizer.Caller(context), await service.GetAccountAsync(accountId, context.RequestAborted));
    }

    private static void EnsureKeyIdShape(string accountId, string keyId)
    {
        if (!IdGenerator.IsValid(keyId, IdGenerator.KeyPrefix))
        {
            throw new GatewayProblemException(StatusCodes.Status404NotFound, ErrorCodes.NotFound,
                $"No key '{(keyId.Length <= 64 ? keyId : keyId[..64])}' on service account '{accountId}'.");
        }
    }

    /// <summary>The account when the caller may see it and holds every scope it holds (else 404 or 403).</summary>
    private static async Task<ServiceAccount> AdministeredAsync(string accountId, AccountService service, AdminAuthorizer authorizer, HttpContext context)
    {
        var target = await VisibleAsync(accountId, service, authorizer, context);
        authorizer.EnsureCanAdminister(authorizer.Caller(context), target);
        return target;
    }

    private static IResult Created(string accountId, IssuedKey issued, TimeProvider time)
    {
        var body = Results.Json(KeyResponse.Issued(issued, time.GetUtcNow()), GatewayJson.Options, statusCode: StatusCodes.Status201Created);
        return new CreatedResult($"/v1/service-accounts/{accountId}/keys/{issued.Key.Id}", body);
    }

    private static string? OptionalIdentifier(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!NameRules.IsValidIdentifier(value))
        {
            errors.Add(field, "1-64 characters of letters, digits, '.', '-' or '_'.");
        }

        return value;
    }
}
