using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Security;

/// <summary>
/// botocore's own retry handler (standard mode) through the gateway to an upstream that fails once with 503: the
/// retry of an idempotent SigV4 request (same signature, same X-Amz-Date) is let through; a non-idempotent one stays
/// refused as a replay.
/// </summary>
public sealed class SigV4RetryTests : IAsyncLifetime
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Security", "Scripts", "botocore_retry.py");
    private FlakyUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FlakyUpstream.StartAsync();
        _gateway = await GatewayHost.StartAsync(_upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:Signing:SigV4:Services:0"] = "s3",
            ["Gateway:Signing:SigV4:PathMode"] = "AsSent",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private async Task<(int Status, int Retries)> BotocoreAsync(string operation, string key)
    {
        var (keyId, secret) = await _gateway.CreateHmacKeyAsync(await _gateway.CreateAccountAsync("boto-" + Guid.NewGuid().ToString("N")[..8]));
        var (exitCode, output, error) = await ChildProcess.RunAsync("python3", Script, _gateway.Proxy.BaseAddress!.ToString().TrimEnd('/'), keyId, secret, operation, key);
        Assert.True(exitCode == 0, $"python3 exited with {exitCode}: {error}\n{output}");
        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        return (result.GetProperty("status").GetInt32(), result.GetProperty("retries").GetInt32());
    }

    [Theory]
    [InlineData("get")]
    [InlineData("put")]
    public async Task IdempotentRetryAfterUpstream503_IsAccepted(string operation)
    {
        var key = operation + "-" + Guid.NewGuid().ToString("N")[..8];
        var (status, retries) = await BotocoreAsync(operation, key);
        Assert.Equal(200, status);
        Assert.Equal(1, retries);
        Assert.Equal(2, _upstream.Hits($"/echo/{key}"));
    }

    [Fact]
    public async Task NonIdempotentRetry_StaysRefusedAsAReplay()
    {
        var key = "post-" + Guid.NewGuid().ToString("N")[..8];
        var (status, _) = await BotocoreAsync("post", key);
        Assert.Equal(401, status);
        Assert.Equal(1, _upstream.Hits($"/echo/{key}"));
    }
}
