using Microsoft.AspNetCore.Http;

namespace Gateway.Admin;

/// <summary>Wraps a JSON result with a <c>Location</c> header (for 201 answers).</summary>
/// <param name="Location">The created resource's path.</param>
/// <param name="Inner">The JSON body result.</param>
public sealed record CreatedResult(string Location, IResult Inner) : IResult
{
    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Location = Location;
        return Inner.ExecuteAsync(httpContext);
    }
}
