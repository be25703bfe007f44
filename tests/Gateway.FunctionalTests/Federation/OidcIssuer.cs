using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.FunctionalTests.Federation;

/// <summary>
/// A real OIDC issuer on a loopback port (Kestrel): <c>/.well-known/openid-configuration</c> and <c>/jwks</c>, with
/// RSA and P-256 keys it generates, and tokens it mints shaped like GitHub Actions' and GitLab CI's. It can be
/// switched down (every request 503) and can rotate its keys.
/// </summary>
public sealed class OidcIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile IssuerKey[] _published;
    private int _jwksRequests;

    private OidcIssuer(WebApplication app, IssuerKey[] keys)
    {
        _app = app;
        _published = keys;
    }

    /// <summary>The issuer identifier (<c>http://127.0.0.1:port</c>), also its base URL.</summary>
    public string Url { get; private set; } = "";

    /// <summary>When set, every request answers 503.</summary>
    public bool Down { get; set; }

    /// <summary>The bearer token the fake GitHub Actions runtime endpoint (<c>/actions-token</c>) expects.</summary>
    public const string ActionsRuntimeToken = "runtime-request-token";

    /// <summary>The repository the fake GitHub Actions runtime issues tokens for; <c>null</c> refuses.</summary>
    public string? ActionsRepository { get; set; }

    /// <summary>How many times the key set was fetched.</summary>
    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    /// <summary>The current RSA key (RS256).</summary>
    public IssuerKey Rsa => _published.First(k => k.Rsa is not null);

    /// <summary>The current P-256 key (ES256).</summary>
    public IssuerKey Ec => _published.First(k => k.Ec is not null);

    public static async Task<OidcIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var issuer = new OidcIssuer(app, [IssuerKey.NewRsa(), IssuerKey.NewEc()]);
        app.Use(async (context, next) =>
        {
            if (issuer.Down)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await next(context);
        });
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Url,
            ["jwks_uri"] = issuer.Url + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
        }));
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref issuer._jwksRequests);
            return Results.Json(new { keys = issuer._published.Select(k => k.Jwk()).ToArray() });
        });
        app.MapGet("/actions-token", (HttpContext context) =>
        {
            // GitHub Actions' runtime token endpoint: bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN, ?audience=.
            if (context.Request.Headers.Authorization.ToString() != "Bearer " + ActionsRuntimeToken
                || issuer.ActionsRepository is not { } repository
                || context.Request.Query["audience"].ToString() is not { Length: > 0 } audience)
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            return Results.Json(new { value = issuer.Mint(issuer.GitHub(audience, repository)), count = 1 });
        });
        await app.StartAsync();
        issuer.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return issuer;
    }

    /// <summary>Replaces the published keys with new ones (new kids); tokens signed with the old keys stop verifying once the gateway refetches.</summary>
    public void Rotate() => _published = [IssuerKey.NewRsa(), IssuerKey.NewEc()];

    /// <summary>Claims like a GitHub Actions id_token for <paramref name="repository"/>.</summary>
    public Dictionary<string, object> GitHub(string audience, string repository, string gitRef = "refs/heads/main", string environment = "prod",
        DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null)
    {
        var iat = issuedAt ?? DateTimeOffset.UtcNow;
        var owner = repository.Split('/')[0];
        return new Dictionary<string, object>
        {
            ["jti"] = Guid.NewGuid().ToString(),
            ["sub"] = $"repo:{repository}:environment:{environment}",
            ["aud"] = audience,
            ["ref"] = gitRef,
            ["sha"] = "d6f1c8d2b0f5e0c1a7b3e0f1d2c3b4a5f6e7d8c9",
            ["repository"] = repository,
            ["repository_owner"] = owner,
            ["repository_owner_id"] = "1234",
            ["repository_id"] = "5678",
            ["run_id"] = "9012345678",
            ["run_number"] = "42",
            ["run_attempt"] = "1",
            ["actor"] = "octocat",
            ["workflow"] = "deploy",
            ["event_name"] = "push",
            ["ref_type"] = "branch",
            ["environment"] = environment,
            ["job_workflow_ref"] = $"{repository}/.github/workflows/deploy.yml@{gitRef}",
            ["runner_environment"] = "github-hosted",
            ["iss"] = Url,
            ["nbf"] = iat.ToUnixTimeSeconds(),
            ["iat"] = iat.ToUnixTimeSeconds(),
            ["exp"] = (iat + (lifetime ?? TimeSpan.FromMinutes(5))).ToUnixTimeSeconds(),
        };
    }

    /// <summary>Claims like a GitLab CI id_token for <paramref name="projectPath"/>.</summary>
    public Dictionary<string, object> GitLab(string audience, string projectPath, string gitRef = "main")
    {
        var iat = DateTimeOffset.UtcNow;
        return new Dictionary<string, object>
        {
            ["namespace_id"] = "72",
            ["namespace_path"] = projectPath.Split('/')[0],
            ["project_id"] = "20",
            ["project_path"] = projectPath,
            ["user_id"] = "1",
            ["user_login"] = "ci-bot",
            ["pipeline_id"] = "574",
            ["pipeline_source"] = "push",
            ["job_id"] = "302",
            ["ref"] = gitRef,
            ["ref_type"] = "branch",
            ["ref_protected"] = "true",
            ["ci_config_ref_uri"] = $"gitlab.example.com/{projectPath}//.gitlab-ci.yml@refs/heads/{gitRef}",
            ["runner_environment"] = "gitlab-hosted",
            ["jti"] = Guid.NewGuid().ToString(),
            ["iss"] = Url,
            ["iat"] = iat.ToUnixTimeSeconds(),
            ["nbf"] = iat.ToUnixTimeSeconds() - 5,
            ["exp"] = (iat + TimeSpan.FromMinutes(5)).ToUnixTimeSeconds(),
            ["sub"] = $"project_path:{projectPath}:ref_type:branch:ref:{gitRef}",
            ["aud"] = audience,
        };
    }

    /// <summary>A compact JWS over <paramref name="claims"/> signed with <paramref name="key"/> (default: the RSA key).</summary>
    public string Mint(IReadOnlyDictionary<string, object> claims, IssuerKey? key = null, string? kid = null)
    {
        key ??= Rsa;
        var header = new Dictionary<string, object> { ["alg"] = key.Algorithm, ["typ"] = "JWT", ["kid"] = kid ?? key.Kid };
        var input = Encode(header) + "." + Encode(claims);
        var data = Encoding.ASCII.GetBytes(input);
        var signature = key.Rsa is { } rsa
            ? rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : key.Ec!.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>An unsigned token (<c>alg: none</c>).</summary>
    public string MintNone(IReadOnlyDictionary<string, object> claims) =>
        Encode(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = Rsa.Kid }) + "." + Encode(claims) + ".";

    /// <summary>The key-confusion attack: HS256 with the issuer's public RSA key (its JWK JSON, and its DER) as the HMAC secret.</summary>
    public IEnumerable<string> MintHs256WithPublicKey(IReadOnlyDictionary<string, object> claims)
    {
        var input = Encode(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = Rsa.Kid }) + "." + Encode(claims);
        foreach (var secret in new[] { Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Rsa.Jwk())), Rsa.Rsa!.ExportSubjectPublicKeyInfo(),
                     Encoding.ASCII.GetBytes(Rsa.Rsa!.ExportSubjectPublicKeyInfoPem()) })
        {
            yield return input + "." + Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
        }
    }

    private static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One signing key of the test issuer.</summary>
public sealed record IssuerKey(string Kid, RSA? Rsa, ECDsa? Ec)
{
    public string Algorithm => Rsa is not null ? "RS256" : "ES256";

    public static IssuerKey NewRsa() => new("rsa-" + Guid.NewGuid().ToString("N")[..8], RSA.Create(2048), null);

    public static IssuerKey NewEc() => new("ec-" + Guid.NewGuid().ToString("N")[..8], null, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>The public JWK.</summary>
    public Dictionary<string, string> Jwk()
    {
        if (Rsa is not null)
        {
            var p = Rsa.ExportParameters(false);
            return new()
            {
                ["kty"] = "RSA", ["kid"] = Kid, ["use"] = "sig", ["alg"] = "RS256",
                ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent)
            };
        }

        var q = Ec!.ExportParameters(false).Q;
        return new()
        {
            ["kty"] = "EC", ["kid"] = Kid, ["use"] = "sig", ["alg"] = "ES256", ["crv"] = "P-256",
            ["x"] = Base64Url.EncodeToString(q.X), ["y"] = Base64Url.EncodeToString(q.Y)
        };
    }
}
