using Gateway.Accounts;
using Gateway.Admin.Contracts;
using Gateway.Audit;
using Gateway.Admin.Runners;
using Gateway.Authorization;
using Gateway.Errors;
using Gateway.Hosting;
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
        accounts.MapPost("/{accountId}/keys/{keyId}/renew", RenewKey).RequireAuthorization(GatewayScopes.AccountsWrite)
            .Audited(AuditActions.KeyRenew, "keyId");
        v1.MapRunnerApi();
    }

    private static async Task<IResult> CreateAccount(HttpRequest request, AdminValidation validation, AccountService service)
    {
        var body = validation.Validate(await AdminJsonReader.ReadAsync<CreateServiceAccountRequest>(request));
        var account = await service.CreateAccountAsync(body, request.HttpContext.RequestAborted);
        return new CreatedResult($"/v1/service-accounts/{account.Id}",
            Results.Json(ServiceAccountResponse.From(account), GatewayJson.Options, statusCode: StatusCodes.Status201Created));
    }

    private static async Task<IResult> ListAccounts(HttpRequest request, IAccountStore store)
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
        var page = await store.ListAccountsAsync(filter, request.HttpContext.RequestAborted);
        return Results.Json(
            new ServiceAccountPage(page.Items.Select(ServiceAccountResponse.From).ToArray(), page.Next?.Encode()),
            GatewayJson.Options);
    }

    private static async Task<IResult> GetAccount(string accountId, AccountService service, HttpContext context) =>
        Results.Json(ServiceAccountResponse.From(await service.GetAccountAsync(accountId, context.RequestAborted)), GatewayJson.Options);

    private static async Task<IResult> PatchAccount(string accountId, HttpRequest request, AdminValidation validation, AccountService service)
    {
        using var document = await AdminJsonReader.ReadDocumentAsync(request)
            ?? throw new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "A JSON body is required.");
        var patch = AccountPatch.Parse(document, validation);
        var account = await service.UpdateAccountAsync(accountId, patch.ApplyTo, request.HttpContext.RequestAborted);
        return Results.Json(ServiceAccountResponse.From(account), GatewayJson.Options);
    }

    private static async Task<IResult> DeleteAccount(string accountId, AccountService service, HttpContext context)
    {
        await service.DeleteAccountAsync(accountId, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> CreateKey(
        string accountId, HttpRequest request, AdminValidation validation, AccountService service, TimeProvider time)
    {
        var spec = validation.Validate(await AdminJsonReader.ReadOptionalAsync<CreateKeyRequest>(request) ?? new CreateKeyRequest());
        var issued = await service.CreateKeyAsync(accountId, spec, request.HttpContext.RequestAborted);
        return Created(accountId, issued, time);
    }

    private static async Task<IResult> ListKeys(string accountId, AccountService service, TimeProvider time, HttpContext context)
    {
        var keys = await service.ListKeysAsync(accountId, context.RequestAborted);
        var now = time.GetUtcNow();
        return Results.Json(new KeyList(keys.Select(k => KeyResponse.From(k, now)).ToArray()), GatewayJson.Options);
    }

    private static async Task<IResult> RevokeKey(string accountId, string keyId, AccountService service, HttpContext context)
    {
        await service.RevokeKeyAsync(accountId, keyId, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> RenewKey(
        string accountId, string keyId, HttpRequest request, AdminValidation validation, AccountService service, TimeProvider time)
    {
        var expiresAt = validation.Validate(await AdminJsonReader.ReadOptionalAsync<RenewKeyRequest>(request));
        var issued = await service.RenewKeyAsync(accountId, keyId, expiresAt, request.HttpContext.RequestAborted);
        return Created(accountId, issued, time);
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
