using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.KeyRotation;

/// <summary>Admin API calls the grace-renewal tests share.</summary>
internal static class GraceRenewal
{
    /// <summary>Renews <paramref name="keyId"/> with <paramref name="gracePeriod"/>; returns the new key's id and token.</summary>
    public static async Task<(string KeyId, string Token)> RenewAsync(HttpClient admin, string accountId, string keyId, string gracePeriod)
    {
        var response = await admin.PostAsJsonAsync($"/v1/service-accounts/{accountId}/keys/{keyId}/renew", new { gracePeriod });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var root = JsonDocument.Parse(body).RootElement;
        return (root.GetProperty("id").GetString()!, root.GetProperty("token").GetString()!);
    }

    /// <summary>The key as the list endpoint shows it.</summary>
    public static async Task<JsonElement> ListedAsync(HttpClient admin, string accountId, string keyId)
    {
        var list = JsonDocument.Parse(await admin.GetStringAsync($"/v1/service-accounts/{accountId}/keys")).RootElement;
        return list.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("id").GetString() == keyId);
    }

    /// <summary>The audit events of <paramref name="action"/> whose target is <paramref name="target"/>.</summary>
    public static async Task<JsonElement[]> AuditAsync(HttpClient admin, string action, string target)
    {
        var page = JsonDocument.Parse(await admin.GetStringAsync($"/v1/audit?action={action}&limit=500")).RootElement;
        return page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("target").GetString() == target).ToArray();
    }

    /// <summary>Polls <paramref name="probe"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> probe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return await probe();
    }
}
