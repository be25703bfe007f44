using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Gateway.Accounts;
using Gateway.Authentication;
using Gateway.Forwarding;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Benchmarks;

/// <summary>
/// <see cref="IdentityTransform"/> on a <see cref="RequestTransformContext"/> whose proxy request carries what YARP
/// copied from a bearer request (credentials and a spoofed identity header included). The transform mutates the
/// request, so every invocation builds a fresh one: <see cref="CreateRequest"/> measures that alone, and the
/// transform's own cost is the difference.
/// </summary>
[MemoryDiagnoser]
public class IdentityTransformBenchmarks
{
    // The set the gateway's schemes declare (API key, RFC 9421, SigV4's prefix).
    private readonly IdentityTransform _transform = new(
        forwardCredentials: false,
        new CredentialHeaderSet([new("Authorization"), new("X-API-Key"), new("Signature"), new("Signature-Input"), new("X-Amz-*")]));
    private DefaultHttpContext _httpContext = null!;
    private ClaimsPrincipal _principal = null!;

    /// <summary>Builds the authenticated HTTP context once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _principal = BenchmarkData.Principal(IdGenerator.NewKeyId());
        _httpContext = new DefaultHttpContext { User = _principal };
        _httpContext.Request.Method = "GET";
        _httpContext.Request.Path = BenchmarkData.Path;
    }

    /// <summary>The fresh proxy request and context alone (the baseline to subtract).</summary>
    [Benchmark(Baseline = true)]
    public RequestTransformContext CreateRequest() => NewContext();

    /// <summary>A fresh proxy request and context, then <see cref="IdentityTransform.ApplyAsync"/>.</summary>
    [Benchmark]
    public async ValueTask<RequestTransformContext> CreateRequestAndTransform()
    {
        var context = NewContext();
        await _transform.ApplyAsync(context);
        return context;
    }

    private RequestTransformContext NewContext()
    {
        var proxyRequest = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:5080/echo/items/42?color=red");
        var headers = proxyRequest.Headers;
        headers.TryAddWithoutValidation("Authorization", "Bearer gwk_l6U7sx7qcMb2gKyD_EZYqGKRDyJGB6ag7jmQKa2GENxZ39m6UceJtmAa3a2W16TSS5");
        headers.TryAddWithoutValidation("Accept", "application/json");
        headers.TryAddWithoutValidation("User-Agent", "ci-runner/1.0");
        headers.TryAddWithoutValidation("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        headers.TryAddWithoutValidation("X-Gateway-Principal-Id", "sa_spoofed");
        return new RequestTransformContext
        {
            HttpContext = _httpContext,
            ProxyRequest = proxyRequest,
            Path = _httpContext.Request.Path,
            Query = new QueryTransformContext(_httpContext.Request),
            DestinationPrefix = "http://127.0.0.1:5080/",
            HeadersCopied = true,
        };
    }
}
