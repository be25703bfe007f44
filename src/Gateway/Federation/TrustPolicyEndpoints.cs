using Gateway.Accounts;
using Gateway.Accounts.Invalidation;
using Gateway.Admin;
using Gateway.Admin.Access;
using Gateway.Audit;
using Gateway.Authorization;
using Gateway.Errors;
using Gateway.Federation.Access;
using Gateway.Federation.Exchange;
using Gateway.Federation.Policies;
using Gateway.Federation.Store;
using Gateway.Listeners;
using Gateway.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Gateway.Federation;

/// <summary>
/// <c>/v1/service-accounts/{accountId}/trust-policies</c> on the admin listener, with the admin API's rules: reading
/// needs <c>gateway.accounts:read</c> and tenant visibility (else 404 like an unknown account); adding and deleting
/// need <c>gateway.accounts:write</c> and every scope the account holds (a trust policy is a way to act as the
/// account, like a key), and are audited (<c>trust_policy.create</c>, <c>trust_policy.delete</c>).
/// </summary>
public static class TrustPolicyEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapTrustPolicies(this IEndpointRouteBuilder endpoints)
    {
        var policies = endpoints.MapGroup("/v1/service-accounts/{accountId}/trust-policies")
            .WithMetadata(new ListenerMetadata(ListenerNames.Admin));
        policies.MapPost("", CreateAsync).RequireAuthorization(GatewayScopes.AccountsWrite).Audited(FederationAuditActions.PolicyCreate);
        policies.MapGet("", ListAsync).RequireAuthorization(GatewayScopes.AccountsRead);
        policies.MapDelete("/{policyId}", DeleteAsync).RequireAuthorization(GatewayScopes.AccountsWrite)
            .Audited(FederationAuditActions.PolicyDelete, "policyId");
    }

    private static async Task<IResult> CreateAsync(string accountId, HttpRequest request, AccountService service, AdminAuthorizer authorizer,
        ITrustPolicyStore store, IOptions<FederationOptions> options, TimeProvider time)
    {
        var body = await AdminJsonReader.ReadAsync<TrustPolicyRequest>(request);
        await AdministeredAsync(accountId, service, authorizer, request.HttpContext);
        var policy = TrustPolicyRules.Validate(body, accountId, options.Value, time.GetUtcNow());
        switch (await store.CreateAsync(policy, options.Value.MaxPoliciesPerAccount, request.HttpContext.RequestAborted))
        {
            case TrustPolicyCreateResult.AccountNotFound:
                throw AdminAuthorizer.AccountNotFound(accountId);
            case TrustPolicyCreateResult.LimitReached:
                throw new GatewayProblemException(StatusCodes.Status409Conflict, ErrorCodes.Conflict,
                    $"The service account already has {options.Value.MaxPoliciesPerAccount} trust policies (Gateway:Federation:MaxPoliciesPerAccount).");
        }

        return new CreatedResult($"/v1/service-accounts/{accountId}/trust-policies/{policy.Id}",
            Results.Json(TrustPolicyResponse.From(policy), GatewayJson.Options, statusCode: StatusCodes.Status201Created));
    }

    private static async Task<IResult> ListAsync(string accountId, HttpContext context, AccountService service, AdminAuthorizer authorizer,
        ITrustPolicyStore store)
    {
        await VisibleAsync(accountId, service, authorizer, context);
        var policies = await store.ListByAccountAsync(accountId, context.RequestAborted);
        return Results.Json(new TrustPolicyList(policies.Select(TrustPolicyResponse.From).ToArray()), GatewayJson.Options);
    }

    private static async Task<IResult> DeleteAsync(string accountId, string policyId, HttpContext context, AccountService service,
        AdminAuthorizer authorizer, ITrustPolicyStore store, FederatedCredentials credentials, IInvalidationPublisher invalidations)
    {
        await AdministeredAsync(accountId, service, authorizer, context);
        if (!TrustPolicyRules.IsValidId(policyId) || !await store.DeleteAsync(accountId, policyId, context.RequestAborted))
        {
            throw new GatewayProblemException(StatusCodes.Status404NotFound, ErrorCodes.NotFound,
                $"No trust policy '{(policyId.Length <= 64 ? policyId : policyId[..64])}' on service account '{accountId}'.");
        }

        // Tokens issued under the policy stop here at once and on other replicas when they hear of the account change.
        credentials.ForgetPolicy(policyId);
        await invalidations.PublishAsync(CacheInvalidation.Account(accountId), CancellationToken.None);
        return Results.NoContent();
    }

    private static async Task<ServiceAccount> VisibleAsync(string accountId, AccountService service, AdminAuthorizer authorizer, HttpContext context)
    {
        if (!IdGenerator.IsValid(accountId, IdGenerator.AccountPrefix))
        {
            throw AdminAuthorizer.AccountNotFound(accountId.Length <= 64 ? accountId : accountId[..64]);
        }

        return AdminAuthorizer.Visible(authorizer.Caller(context), await service.GetAccountAsync(accountId, context.RequestAborted));
    }

    private static async Task AdministeredAsync(string accountId, AccountService service, AdminAuthorizer authorizer, HttpContext context)
    {
        var target = await VisibleAsync(accountId, service, authorizer, context);
        authorizer.EnsureCanAdminister(authorizer.Caller(context), target);
    }
}
