using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>Waits until the audit writer (which batches in the background) has stored the events a test looks for.</summary>
public static class AuditEvents
{
    public static async Task<int> WaitAsync(GatewayHost gateway, string query, int atLeast = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        int count;
        do
        {
            using var page = JsonDocument.Parse(await gateway.Admin.GetStringAsync("/v1/audit?" + query));
            count = page.RootElement.GetProperty("items").GetArrayLength();
            if (count >= atLeast)
            {
                return count;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        return count;
    }
}
