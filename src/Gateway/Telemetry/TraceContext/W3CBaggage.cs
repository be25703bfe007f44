using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Gateway.Telemetry.TraceContext;

/// <summary>
/// The <c>baggage</c> header the upstream receives when the caller sent <c>baggage</c> (or <c>Correlation-Context</c>)
/// and no activity carries it: extracted and re-encoded by .NET's propagator exactly as from the request activity
/// before. Rare (only when a caller sends baggage), so it borrows a short-lived activity for the propagator's encoder.
/// </summary>
public static class W3CBaggage
{
    /// <summary>The re-encoded baggage of <paramref name="requestHeaders"/>, or null when there is none.</summary>
    public static string? Encode(IHeaderDictionary requestHeaders)
    {
        var propagator = DistributedContextPropagator.Current;
        var baggage = propagator.ExtractBaggage(requestHeaders, RequestTraceContext.ReadHeader);
        if (baggage is null)
        {
            return null;
        }

        var previous = Activity.Current;
        using var carrier = new Activity("baggage");
        foreach (var (key, value) in baggage)
        {
            // In the order ASP.NET Core added them to the request activity.
            carrier.AddBaggage(key, value);
        }

        carrier.Start();
        string? encoded = null;
        propagator.Inject(carrier, null, (_, name, value) =>
        {
            if (string.Equals(name, "baggage", StringComparison.OrdinalIgnoreCase))
            {
                encoded = value;
            }
        });
        carrier.Stop();
        Activity.Current = previous;
        return encoded;
    }
}
