using Gateway.Audit;
using Gateway.Serialization;
using Microsoft.AspNetCore.Http;

namespace Gateway.IdentityToken;

/// <summary>The answer of a rotation: the new key list, naming the new active key for the audit event.</summary>
/// <param name="Keys">The keys after the rotation.</param>
public sealed record RotationResult(IdentityKeyList Keys) : IResult, IStatusCodeHttpResult, IAuditTarget
{
    /// <inheritdoc />
    public int? StatusCode => StatusCodes.Status200OK;

    /// <inheritdoc />
    public string AuditTarget => Keys.Keys.FirstOrDefault(k => k.State == "active")?.Kid ?? "";

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => Results.Json(Keys, GatewayJson.Options).ExecuteAsync(httpContext);
}
