using Gateway.Audit;
using Microsoft.AspNetCore.Http;

namespace Gateway.Admin;

/// <summary>Wraps a JSON result with a <c>Location</c> header (for 201 answers); names the created resource for the audit.</summary>
/// <param name="Location">The created resource's path.</param>
/// <param name="Inner">The JSON body result.</param>
public sealed record CreatedResult(string Location, IResult Inner) : IResult, IStatusCodeHttpResult, IAuditTarget
{
    /// <inheritdoc />
    public int? StatusCode => (Inner as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status201Created;

    /// <inheritdoc />
    public string AuditTarget => Location[(Location.LastIndexOf('/') + 1)..];

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Location = Location;

        // Created keys carry their secret in this body: no cache may keep it.
        httpContext.Response.Headers.CacheControl = "no-store";
        return Inner.ExecuteAsync(httpContext);
    }
}
