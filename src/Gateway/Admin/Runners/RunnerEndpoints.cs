using Gateway.Audit;
using Gateway.Admin.Contracts;
using Gateway.Authorization;
using Gateway.Hosting;
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
        IOptions<GatewayOptions> options,
        BoundListeners listeners)
    {
        var body = await AdminJsonReader.ReadOptionalAsync<RunnerCredentialsRequest>(request) ?? new RunnerCredentialsRequest();
        var spec = RunnerSpec.Create(runnerId, body, validation, options.Value.Admin.BootstrapOrg);
        var issued = await runners.IssueAsync(spec, request.HttpContext.RequestAborted);
        var document = RunnerCredentialsDocument.From(issued, ProxyAddress.Resolve(request, options.Value, listeners));

        // The body holds a secret: no cache may keep it.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new CreatedResult($"/v1/service-accounts/{issued.Account.Id}/keys/{issued.Key.Key.Id}",
            Results.Json(document, GatewayJson.Options, statusCode: StatusCodes.Status201Created));
    }
}
