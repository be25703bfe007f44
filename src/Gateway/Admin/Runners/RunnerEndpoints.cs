using Gateway.Admin.Access;
using Gateway.Admin.Contracts;
using Gateway.Audit;
using Gateway.Authorization;
using Gateway.Listeners;
using Gateway.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Gateway.Admin.Runners;

/// <summary><c>POST /v1/runners/{runnerId}/credentials</c> (needs <c>gateway.accounts:write</c>).</summary>
public static class RunnerEndpoints
{
    /// <summary>Maps the runner endpoints under the admin API's <c>/v1</c> group.</summary>
    public static void MapRunnerApi(this IEndpointRouteBuilder v1)
    {
        v1.MapPost("/runners/{runnerId}/credentials", IssueCredentials).RequireAuthorization(GatewayScopes.AccountsWrite)
            .Audited(AuditActions.RunnerCredentials, "runnerId");
    }

    private static async Task<IResult> IssueCredentials(
        string runnerId,
        HttpRequest request,
        AdminValidation validation,
        RunnerService runners,
        AdminAuthorizer authorizer,
        IOptions<AdminOptions> options,
        IOptions<PublicUrlOptions> publicUrl,
        IOptions<ListenersOptions> listenerOptions,
        BoundListeners listeners)
    {
        var body = await AdminJsonReader.ReadOptionalAsync<RunnerCredentialsRequest>(request) ?? new RunnerCredentialsRequest();
        var caller = authorizer.Caller(request.HttpContext);

        // A tenant administrator's runners live in its own tenant unless the request names another (refused below).
        var spec = RunnerSpec.Create(runnerId, body, validation, caller.IsPlatform ? options.Value.BootstrapOrg : caller.OrgId);
        if (spec.ProjectId is null && body.OrgId is null && !caller.IsPlatform)
        {
            spec = spec with { ProjectId = caller.ProjectId };
        }

        AdminAuthorizer.EnsureTenant(caller, spec.OrgId, spec.ProjectId);
        authorizer.EnsureCanGrantRoles(caller, spec.Roles ?? RunnerDefaults.DefaultRoles);
        var issued = await runners.IssueAsync(spec, existing =>
        {
            AdminAuthorizer.Visible(caller, existing);
            authorizer.EnsureCanAdminister(caller, existing);
        }, request.HttpContext.RequestAborted);
        var document = RunnerCredentialsDocument.From(issued, ProxyAddress.Resolve(request, publicUrl.Value.PublicUrl, listenerOptions.Value, listeners));

        // The body holds a secret: no cache may keep it.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new CreatedResult($"/v1/service-accounts/{issued.Account.Id}/keys/{issued.Key.Key.Id}",
            Results.Json(document, GatewayJson.Options, statusCode: StatusCodes.Status201Created));
    }
}
