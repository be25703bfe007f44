using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Gateway.Accounts;
using Gateway.Accounts.Secrets;
using Gateway.Authentication;
using Gateway.IdentityToken;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Benchmarks;

/// <summary>
/// The identity token's cost on the request path: a cache hit (<see cref="IdentityTokenCache.Get"/> for an identity
/// and audience that already have a token: what nearly every request pays) and, for reference, a miss (one ES256
/// signature: once per identity and audience every 3¾ minutes), and the whole <see cref="IdentityTokenTransform"/>
/// (cache hit, removing any caller-sent header, adding the token) on a proxy request that is reused: the transform
/// leaves it as it found it, so no fresh request has to be built and subtracted.
/// </summary>
[MemoryDiagnoser]
public class IdentityTokenBenchmarks
{
    private string _directory = null!;
    private IdentityTokenCache _cache = null!;
    private IdentityTokenIssuer _issuer = null!;
    private IdentitySigningKey _key = null!;
    private GatewayIdentity _identity = null!;
    private IdentityTokenTransform _transform = null!;
    private RequestTransformContext _context = null!;

    /// <summary>Loads keys from a fresh data directory and issues the first token.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("idtoken-bench-").FullName;
        var ring = new IdentityKeyRing(new FileIdentityKeyStore(Path.Combine(_directory, FileIdentityKeyStore.FileName)),
            new IdentityKeyDocument(new SecretProtector([new MasterKey("m", RandomNumberGenerator.GetBytes(32))], "m")),
            TimeProvider.System, Options.Create(new IdentityTokenOptions()), NullLogger<IdentityKeyRing>.Instance);
        ring.RefreshAsync(CancellationToken.None).GetAwaiter().GetResult();
        _issuer = new IdentityTokenIssuer("https://gateway.example.com", TimeSpan.FromMinutes(5));
        _cache = new IdentityTokenCache(ring, _issuer, TimeProvider.System);
        _key = ring.Current(DateTimeOffset.UtcNow)!.Active;
        _identity = GatewayIdentity.From(BenchmarkData.Principal(IdGenerator.NewKeyId()))!;
        _cache.Get(_identity, "echo");
        _transform = new IdentityTokenTransform(_cache, "echo");
        var httpContext = new DefaultHttpContext();
        httpContext.Features.Set(_identity);
        var proxyRequest = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:5080/echo/items/42");
        proxyRequest.Headers.TryAddWithoutValidation("Accept", "application/json");
        proxyRequest.Headers.TryAddWithoutValidation("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        _context = new RequestTransformContext
        {
            HttpContext = httpContext,
            ProxyRequest = proxyRequest,
            Path = "/echo/items/42",
            Query = new QueryTransformContext(httpContext.Request),
            DestinationPrefix = "http://127.0.0.1:5080/",
            HeadersCopied = true,
        };
    }

    /// <summary>Removes the temporary data directory.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>A cached token (the steady state).</summary>
    [Benchmark(Baseline = true)]
    public string? CacheHit() => _cache.Get(_identity, "echo");

    /// <summary>The route transform: what a request on a token route pays.</summary>
    [Benchmark]
    public ValueTask Transform() => _transform.ApplyAsync(_context);

    /// <summary>Signing a new token (a miss).</summary>
    [Benchmark]
    public string Sign() => _issuer.Issue(_identity, "echo", _key, DateTimeOffset.UtcNow).Token;
}
