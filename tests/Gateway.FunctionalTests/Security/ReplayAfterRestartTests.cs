using System.Net;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Security;

/// <summary>
/// Embedded mode (in-process nonces): a signed request accepted before a restart is refused after it, whether the
/// gateway stopped gracefully (SIGTERM) or was killed (SIGKILL); requests signed after the restart pass.
/// </summary>
public sealed class ReplayAfterRestartTests : ProcessWorkspace
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SignedRequestAcceptedBeforeARestart_IsRefusedAfterIt(bool graceful)
    {
        var settings = new Dictionary<string, string>();
        var first = await GatewayProcess.StartAsync(DataDirectory, RoutesFile, settings);
        (int, int, int) ports;
        WireRequest rfc9421Request, sigv4Request;
        Rfc9421RequestSigner rfc9421;
        try
        {
            first.AuthenticateAdmin(DataDirectory);
            var account = JsonDocument.Parse(await (await first.Admin.PostAsync("/v1/service-accounts",
                new StringContent("{\"name\":\"restart\",\"orgId\":\"acme\",\"roles\":[\"editor\"]}", System.Text.Encoding.UTF8, "application/json")))
                .Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
            var key = JsonDocument.Parse(await (await first.Admin.PostAsync($"/v1/service-accounts/{account}/keys",
                new StringContent("{\"kind\":\"hmac\"}", System.Text.Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync()).RootElement;
            rfc9421 = new Rfc9421RequestSigner(first.Proxy.BaseAddress!, key.GetProperty("accessKeyId").GetString()!, key.GetProperty("secret").GetString()!);
            var sigv4 = new SigV4RequestSigner(first.Proxy.BaseAddress!, key.GetProperty("accessKeyId").GetString()!, key.GetProperty("secret").GetString()!);
            rfc9421Request = rfc9421.Sign("POST", "/echo/deploy", "{\"v\":1}"u8.ToArray());
            sigv4Request = sigv4.Sign("PUT", "/echo/object", "{\"v\":2}"u8.ToArray());
            Assert.Equal(HttpStatusCode.OK, (await rfc9421Request.SendAsync(first.Proxy)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await sigv4Request.SendAsync(first.Proxy)).StatusCode);
            ports = first.Ports;
            await first.StopAsync(graceful);
        }
        finally
        {
            await first.DisposeAsync();
        }

        // What the first process left: the last moment it could have accepted anything (its lease, or its stop).
        var horizon = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(await File.ReadAllTextAsync(Path.Combine(DataDirectory, "replay-horizon")), System.Globalization.CultureInfo.InvariantCulture));
        await using var second = await GatewayProcess.StartAsync(DataDirectory, RoutesFile, settings, ports);
        await ProblemAssert.HasCodeAsync(await rfc9421Request.SendAsync(second.Proxy), HttpStatusCode.Unauthorized, "replayed_request");
        await ProblemAssert.HasCodeAsync(await sigv4Request.SendAsync(second.Proxy), HttpStatusCode.Unauthorized, "replayed_request");

        // Signed after the horizon (the previous process's last moment): accepted. The client's
        // clock is put just past it, well within the allowed skew, instead of waiting for it.
        var ahead = new ShiftedClock(TimeSpan.FromSeconds(Math.Max(0, (horizon - DateTimeOffset.UtcNow).TotalSeconds) + 1));
        var (keyId, secret) = (rfc9421.KeyId, rfc9421.Secret);
        Assert.Equal(HttpStatusCode.OK, (await new Rfc9421RequestSigner(second.Proxy.BaseAddress!, keyId, secret, ahead)
            .Sign("POST", "/echo/deploy", "{\"v\":3}"u8.ToArray()).SendAsync(second.Proxy)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await new SigV4RequestSigner(second.Proxy.BaseAddress!, keyId, secret, ahead)
            .Sign("PUT", "/echo/object", "{\"v\":4}"u8.ToArray()).SendAsync(second.Proxy)).StatusCode);
    }
}
