using System.Globalization;
using Gateway.Authentication;
using Gateway.Forwarding;
using Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Tests.Forwarding;

/// <summary>
/// Sizing the outgoing header store once (<see cref="HttpHeadersCapacity"/>) changes no header: the same names, values
/// and order, however many are added afterwards, and the identity transform still forwards exactly the identity.
/// </summary>
public sealed class HttpHeadersCapacityTests
{
    [Fact]
    public void ThisRuntimesHeaderStore_CanBeSized()
    {
        // When a runtime update changes HttpHeaders' private layout the sizing switches itself off (headers then grow
        // as the framework grows them); this test makes that visible instead of silently losing the saving.
        Assert.True(HttpHeadersCapacity.Enabled);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Sized_ThenFilledPastTheDictionarySwitch_KeepsEveryHeaderInOrder(int before)
    {
        using var request = new HttpRequestMessage();
        var expected = new List<(string, string)>();
        for (var i = 0; i < before; i++)
        {
            Add(request, expected, i);
        }

        HttpHeadersCapacity.EnsureCapacity(request.Headers, 16 - before);
        Assert.Equal(expected, Read(request));

        // Up to the reserved size, past it (the array doubles again) and past 64 (the framework switches to a dictionary).
        for (var i = before; i < 70; i++)
        {
            Add(request, expected, i);
            if (i is 15 or 16 or 31 or 32 or 63 or 64 or 69)
            {
                Assert.Equal(expected.OrderBy(h => h.Item1, StringComparer.Ordinal), Read(request).OrderBy(h => h.Item1, StringComparer.Ordinal));
            }
        }

        Assert.True(request.Headers.Contains("X-Test-69"));
        Assert.True(request.Headers.Remove("X-Test-0"));
        Assert.False(request.Headers.Contains("X-Test-0"));
    }

    [Fact]
    public void AfterRemovals_TheRemainingHeadersAreKeptAndAddsGoAfterThem()
    {
        using var request = new HttpRequestMessage();
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer x");
        request.Headers.TryAddWithoutValidation("Accept", "*/*");
        request.Headers.Remove("Authorization");

        HttpHeadersCapacity.EnsureCapacity(request.Headers, 13);
        request.Headers.TryAddWithoutValidation("X-Gateway-Principal-Id", "sa_1");

        Assert.Equal([("Accept", "*/*"), ("X-Gateway-Principal-Id", "sa_1")], Read(request));
        Assert.False(request.Headers.Contains("Authorization"));
    }

    [Theory]
    [InlineData(6, 11)] // 17 → 32 entries
    [InlineData(6, 58)] // 64: the largest array
    [InlineData(6, 59)] // 65: past the switch to a dictionary, left to the framework
    [InlineData(2, 1)] // within the first array
    public void AnySize_LeavesTheHeadersAsTheyAre(int before, int adding)
    {
        using var request = new HttpRequestMessage();
        var expected = new List<(string, string)>();
        for (var i = 0; i < before; i++)
        {
            Add(request, expected, i);
        }

        HttpHeadersCapacity.EnsureCapacity(request.Headers, adding);
        for (var i = before; i < before + adding + 3; i++)
        {
            Add(request, expected, i);
        }

        Assert.Equal(expected.OrderBy(h => h.Item1, StringComparer.Ordinal), Read(request).OrderBy(h => h.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public async Task IdentityTransform_ForAnAuthenticatedCaller_ForwardsTheKeptHeadersThenTheIdentity()
    {
        using var proxyRequest = new HttpRequestMessage(HttpMethod.Get, "http://upstream.test/");
        proxyRequest.Headers.TryAddWithoutValidation("Authorization", "Bearer gwk_x");
        proxyRequest.Headers.TryAddWithoutValidation("Accept", "*/*");
        proxyRequest.Headers.TryAddWithoutValidation("X-Gateway-Principal-Id", "spoofed");
        var http = new DefaultHttpContext();
        http.Features.Set(Samples.Identity("prj_1", "read", "write"));
        var context = new RequestTransformContext
        {
            HttpContext = http,
            ProxyRequest = proxyRequest,
            Path = PathString.Empty,
            Query = new QueryTransformContext(http.Request),
            DestinationPrefix = "http://upstream.test/",
        };

        await new IdentityTransform(false, new CredentialHeaderSet([new CredentialHeader("Authorization"), new CredentialHeader("X-API-Key")])).ApplyAsync(context);
        foreach (var name in new[] { "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host" })
        {
            proxyRequest.Headers.TryAddWithoutValidation(name, "f"); // what YARP's default transforms add afterwards
        }

        Assert.Equal(
            [
                ("Accept", "*/*"),
                ("X-Gateway-Principal-Id", "sa_1"),
                ("X-Gateway-Principal-Type", "service_account"),
                ("X-Gateway-Principal-Name", "billing"),
                ("X-Gateway-Org-Id", "org_1"),
                ("X-Gateway-Project-Id", "prj_1"),
                ("X-Gateway-Key-Id", "key_1"),
                ("X-Gateway-Auth-Scheme", "api-key"),
                ("X-Gateway-Scopes", "read write"),
                ("X-Forwarded-For", "f"),
                ("X-Forwarded-Proto", "f"),
                ("X-Forwarded-Host", "f"),
            ],
            Read(proxyRequest));
    }

    private static void Add(HttpRequestMessage request, List<(string, string)> expected, int i)
    {
        var name = "X-Test-" + i.ToString(CultureInfo.InvariantCulture);
        var value = "v" + i.ToString(CultureInfo.InvariantCulture);
        Assert.True(request.Headers.TryAddWithoutValidation(name, value));
        expected.Add((name, value));
    }

    private static List<(string, string)> Read(HttpRequestMessage request) =>
        [.. request.Headers.NonValidated.Select(h => (h.Key, h.Value.ToString()))];
}
