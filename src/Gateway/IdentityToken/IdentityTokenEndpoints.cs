using System.Globalization;
using Gateway.Admin.Access;
using Gateway.Audit;
using Gateway.Authorization;
using Gateway.Errors;
using Gateway.Listeners;
using Gateway.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Gateway.IdentityToken;

/// <summary>
/// <c>/.well-known/jwks.json</c> and <c>/.well-known/openid-configuration</c> on the status listener (anonymous,
/// cacheable), and <c>GET /v1/identity-token/keys</c> and <c>POST /v1/identity-token/keys/rotate</c> on the admin
/// listener (platform administrators only: the keys vouch for every tenant's identities).
/// </summary>
public static class IdentityTokenEndpoints
{
    /// <summary>Path of the key set.</summary>
    public const string JwksPath = "/.well-known/jwks.json";

    /// <summary>Path of the discovery document.</summary>
    public const string DiscoveryPath = "/.well-known/openid-configuration";

    /// <summary>Audit action of a rotation.</summary>
    public const string RotateAuditAction = "identity_token.rotate";

    /// <summary>Maps the endpoints.</summary>
    public static void MapGatewayIdentityToken(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(JwksPath, Jwks).WithMetadata(new ListenerMetadata(ListenerNames.Status)).AllowAnonymous();
        endpoints.MapGet(DiscoveryPath, Discovery).WithMetadata(new ListenerMetadata(ListenerNames.Status)).AllowAnonymous();
        var keys = endpoints.MapGroup("/v1/identity-token/keys").WithMetadata(new ListenerMetadata(ListenerNames.Admin));
        keys.MapGet("", List).RequireAuthorization(GatewayScopes.AccountsRead);
        keys.MapPost("/rotate", RotateAsync).RequireAuthorization(GatewayScopes.AccountsWrite).Audited(RotateAuditAction);
    }

    private static IResult Jwks(HttpContext context, IdentityKeyRing ring, TimeProvider time, IOptions<IdentityTokenOptions> options)
    {
        var set = Loaded(ring, time);
        Cacheable(context, options.Value);
        return Results.Bytes(set.Jwks, "application/json");
    }

    private static IResult Discovery(HttpContext context, IdentityKeyRing ring, IdentityTokenIssuer issuer, TimeProvider time,
        IOptions<IdentityTokenOptions> options)
    {
        Loaded(ring, time);
        Cacheable(context, options.Value);
        var request = context.Request;
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Issuer,
            ["jwks_uri"] = options.Value.JwksUri ?? $"{request.Scheme}://{request.Host}{request.PathBase}{JwksPath}",
            ["id_token_signing_alg_values_supported"] = new[] { EcJwk.Algorithm },
            ["response_types_supported"] = new[] { "id_token" },
            ["subject_types_supported"] = new[] { "public" },
            ["claims_supported"] = IdentityTokenClaims.All,
        });
    }

    private static IResult List(HttpContext context, IdentityKeyRing ring, AdminAuthorizer authorizer, TimeProvider time)
    {
        authorizer.EnsurePlatform(authorizer.Caller(context), "list the identity-token signing keys");
        return Results.Json(IdentityKeyList.From(Loaded(ring, time)), GatewayJson.Options);
    }

    private static async Task<IResult> RotateAsync(HttpContext context, IdentityKeyRing ring, AdminAuthorizer authorizer)
    {
        authorizer.EnsurePlatform(authorizer.Caller(context), "rotate the identity-token signing keys");
        IdentityKeySet rotated;
        try
        {
            rotated = await ring.RotateAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or StackExchange.Redis.RedisException or IOException)
        {
            throw Unavailable();
        }

        return new RotationResult(IdentityKeyList.From(rotated));
    }

    private static IdentityKeySet Loaded(IdentityKeyRing ring, TimeProvider time) => ring.Current(time.GetUtcNow()) ?? throw Unavailable();

    private static GatewayProblemException Unavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, ErrorCodes.AuthUnavailable, "The identity-token signing keys are not available; try again shortly.");

    private static void Cacheable(HttpContext context, IdentityTokenOptions options) =>
        context.Response.Headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={(long)options.JwksMaxAge.TotalSeconds}");
}
