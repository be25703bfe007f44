using System.Runtime.CompilerServices;
using Gateway.Accounts;
using Gateway.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.RateLimiting;

/// <summary>
/// A route's rate limits from its metadata: <c>Gateway.RateLimit.Default</c> (applies to accounts that set no rate of
/// their own) and <c>Gateway.RateLimit.Ceiling</c> (applies to everyone). Both are counted per account and route.
/// Syntax: <c>N/s</c> or <c>N/min</c>, optionally <c>;burst=B</c> — e.g. <c>600/min;burst=50</c>. Parsed once per
/// route configuration object.
/// </summary>
/// <param name="Default">The default rate, or <c>null</c>.</param>
/// <param name="Ceiling">The ceiling rate, or <c>null</c>.</param>
public sealed record RouteRateLimits(RateLimit? Default, RateLimit? Ceiling)
{
    private static readonly ConditionalWeakTable<RouteConfig, RouteRateLimits> Parsed = new();

    /// <summary>No route limits.</summary>
    public static readonly RouteRateLimits None = new(null, null);

    /// <summary>The limits of <paramref name="route"/> (cached per configuration object; invalid values were refused at load).</summary>
    public static RouteRateLimits For(RouteConfig route) =>
        Parsed.TryGetValue(route, out var limits) ? limits : Parsed.GetValue(route, Parse);

    /// <summary>Parses a metadata value (<see cref="RateLimit.TryParse"/>); <c>false</c> with a reason when it is not valid.</summary>
    public static bool TryParse(string? value, out RateLimit? limit, out string error) => RateLimit.TryParse(value, out limit, out error);

    private static RouteRateLimits Parse(RouteConfig route)
    {
        if (route.Metadata is not { } metadata)
        {
            return None;
        }

        metadata.TryGetValue(RouteMetadataKeys.RateLimitDefault, out var defaultValue);
        metadata.TryGetValue(RouteMetadataKeys.RateLimitCeiling, out var ceilingValue);
        TryParse(defaultValue, out var @default, out _);
        TryParse(ceilingValue, out var ceiling, out _);
        return @default is null && ceiling is null ? None : new RouteRateLimits(@default, ceiling);
    }
}
