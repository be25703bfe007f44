using System.Net.Http.Json;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Signing;
using Gateway.Signing.Rfc9421;

namespace Gateway.FunctionalTests.Observability;

/// <summary>No issued secret appears in any metric, trace attribute, log line or audit event.</summary>
public sealed class SecretHygieneTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task IssuedSecrets_AppearNowhere()
    {
        using var recorded = new RecordedActivities();
        var gateway = fixture.Gateway;
        var (account, _, token) = await gateway.CreateCallerAsync("hygiene");
        var hmac = JsonDocument.Parse(await (await gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{account}/keys", new { kind = "hmac" }))
            .Content.ReadAsStringAsync()).RootElement;
        var keyId = hmac.GetProperty("accessKeyId").GetString()!;
        var secret = hmac.GetProperty("secret").GetString()!;

        using (var bearer = new HttpRequestMessage(HttpMethod.Get, "/echo/hygiene"))
        {
            bearer.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            await gateway.Proxy.SendAsync(bearer);
        }

        var authority = gateway.Proxy.BaseAddress!.Authority;
        var signable = new SignableRequest("GET", "http", authority, "/echo/signed");
        var headers = Rfc9421Signer.Sign(signable, new Rfc9421SigningParameters
        {
            KeyId = keyId,
            Components = ["@method", "@authority", "@path"],
            Created = DateTimeOffset.UtcNow,
            Nonce = Guid.NewGuid().ToString("N"),
        }, secret);
        for (var i = 0; i < 2; i++)
        {
            using var signed = new HttpRequestMessage(HttpMethod.Get, "/echo/signed");
            signed.Headers.TryAddWithoutValidation("Signature-Input", headers.SignatureInput);
            signed.Headers.TryAddWithoutValidation("Signature", headers.Signature);
            await gateway.Proxy.SendAsync(signed);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string audit;
        do
        {
            audit = await gateway.Admin.GetStringAsync($"/v1/audit?principalId={account}&limit=1000");
            await Task.Delay(50);
        }
        while (JsonDocument.Parse(audit).RootElement.GetProperty("items").GetArrayLength() < 3 && DateTime.UtcNow < deadline);

        var metrics = await gateway.Status.GetStringAsync("/metrics");
        var tags = string.Join('\n', recorded.Stopped.SelectMany(a => a.TagObjects).Select(t => $"{t.Key}={t.Value}"));
        var logs = gateway.Logs.All;
        foreach (var (what, text) in new[] { ("metrics", metrics), ("trace attributes", tags), ("logs", logs), ("audit", audit) })
        {
            Assert.False(text.Contains(token[4..], StringComparison.Ordinal), $"the bearer token appears in {what}");
            Assert.False(text.Contains(secret[4..], StringComparison.Ordinal), $"the HMAC secret appears in {what}");
        }

        Assert.Contains("proxy.request", audit);
        Assert.Contains(keyId, audit);
    }
}
