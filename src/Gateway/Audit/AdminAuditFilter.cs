using Gateway.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Audit;

/// <summary>
/// Runs an admin change and writes its audit event — success or failure — before the answer is sent. If the audit
/// store cannot take the event, the caller gets 503 instead of an acknowledgement.
/// </summary>
public sealed class AdminAuditFilter(AuditWriter writer, AuditEventFactory events) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var audit = http.GetEndpoint()?.Metadata.GetMetadata<AdminAuditAttribute>();
        if (audit is null)
        {
            return await next(context);
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch (GatewayProblemException problem)
        {
            await WriteAsync(http, audit, Target(http, audit, null), problem.Status);
            throw;
        }

        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        await WriteAsync(http, audit, Target(http, audit, result), status);
        return result;
    }

    private const string DetailsItem = "Gateway.Audit.Details";

    /// <summary>Adds <paramref name="details"/> to the audit event of the admin change being handled.</summary>
    public static void SetDetails(HttpContext http, IReadOnlyDictionary<string, string> details) => http.Items[DetailsItem] = details;

    private async Task WriteAsync(HttpContext http, AdminAuditAttribute audit, string? target, int status)
    {
        try
        {
            var auditEvent = events.Create(http, AuditKinds.Admin, audit.Action, target, status);
            if (http.Items.TryGetValue(DetailsItem, out var details) && details is IReadOnlyDictionary<string, string> facts)
            {
                auditEvent = auditEvent with { Details = facts };
            }

            await writer.WriteAdminAsync(auditEvent, http.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new GatewayProblemException(StatusCodes.Status503ServiceUnavailable, ErrorCodes.AuthUnavailable,
                "The audit trail cannot be written; the change may have been applied but is not acknowledged — check it and retry.");
        }
    }

    private static string? Target(HttpContext http, AdminAuditAttribute audit, object? result)
    {
        if (audit.TargetRouteValue is { } name && http.Request.RouteValues.TryGetValue(name, out var value))
        {
            return value?.ToString();
        }

        return result is IAuditTarget created ? created.AuditTarget : http.Request.RouteValues.TryGetValue("accountId", out var account) ? account?.ToString() : null;
    }
}
