using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Gateway.FunctionalTests.Shutdown;

/// <summary>
/// SIGTERM to a real gateway process with requests in flight (held by the upstream): /readyz turns 503 while the
/// gateway still serves, the listeners then close, every in-flight request still completes, the queued audit
/// events are written, and the process exits 0.
/// </summary>
public sealed class GracefulDrainTests : IAsyncLifetime
{
    private const int InFlight = 8;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
    private HeldUpstream _upstream = null!;
    private GatewayProcess _gateway = null!;

    private string DataDirectory => Path.Combine(_directory, "data");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _upstream = await HeldUpstream.StartAsync(InFlight);
        var routes = Path.Combine(_directory, "yarp.json");
        await File.WriteAllTextAsync(routes, TestRoutes.Json(_upstream.Url));
        _gateway = await GatewayProcess.StartAsync(DataDirectory, routes, new Dictionary<string, string>
        {
            ["Gateway:Shutdown:DrainDelay"] = "00:00:10", // room for the checks made during it on a loaded machine (the polls wait 15 s)
            ["Gateway:Shutdown:Timeout"] = "00:00:30",
        });
        _gateway.AuthenticateAdmin(DataDirectory);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Sigterm_ReportsNotReadyWhileServing_ThenFinishesInFlightRequests_FlushesAudit_AndExitsZero()
    {
        var token = await CreateBearerTokenAsync();
        using var caller = new HttpClient { BaseAddress = _gateway.Proxy.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await _gateway.Status.GetAsync("/readyz")).StatusCode);

        var inFlight = Enumerable.Range(0, InFlight).Select(i => caller.GetAsync($"/echo/slow/{i}")).ToArray();
        await _upstream.AllArrived.WaitAsync(TimeSpan.FromSeconds(30));

        var (kill, _, killError) = await ChildProcess.RunAsync("kill", "-TERM", _gateway.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(kill == 0, killError);

        // The drain delay: not ready, still alive, still serving new requests.
        var readiness = await PollAsync(async () => (await _gateway.Status.GetAsync("/readyz")).StatusCode == HttpStatusCode.ServiceUnavailable);
        Assert.True(readiness, "/readyz did not turn 503 after SIGTERM:\n" + _gateway.Output);
        var ready = await _gateway.Status.GetAsync("/readyz");
        Assert.Contains("\"shutdown\":{\"status\":\"unhealthy\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _gateway.Status.GetAsync("/healthz")).StatusCode);
        using (var fresh = new HttpClient { BaseAddress = _gateway.Proxy.BaseAddress })
        {
            fresh.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/echo/fast")).StatusCode);
        }

        // Then the listeners close while the held requests are still in flight.
        var closed = await PollAsync(async () =>
        {
            using var probe = new HttpClient { BaseAddress = _gateway.Status.BaseAddress };
            try
            {
                await probe.GetAsync("/healthz");
                return false;
            }
            catch (HttpRequestException)
            {
                return true;
            }
        });
        Assert.True(closed, "the listeners did not close after the drain delay:\n" + _gateway.Output);
        Assert.All(inFlight, request => Assert.False(request.IsCompleted));

        _upstream.Release();
        foreach (var request in inFlight)
        {
            using var response = await request;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("done", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, await _gateway.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(InFlight + 1, CountProxyAuditEvents());
        Assert.Contains("In-flight requests finished", _gateway.Output, StringComparison.Ordinal);
    }

    private int CountProxyAuditEvents()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "gateway.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_events WHERE action = 'proxy.request' AND status = 200";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> CreateBearerTokenAsync()
    {
        var created = await _gateway.Admin.PostAsync("/v1/service-accounts",
            Json("{\"name\":\"drain\",\"orgId\":\"acme\",\"roles\":[\"editor\"],\"allowedCidrs\":[]}"));
        var account = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.True(created.StatusCode == HttpStatusCode.Created, account.ToString());
        var key = await _gateway.Admin.PostAsync($"/v1/service-accounts/{account.GetProperty("id").GetString()}/keys", Json("{\"kind\":\"bearer\"}"));
        var body = JsonDocument.Parse(await key.Content.ReadAsStringAsync()).RootElement;
        Assert.True(key.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("token").GetString()!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
