using System.Text.RegularExpressions;
using Gateway.Configuration;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Authorization;

/// <summary>
/// Validates every route's gateway metadata when <c>yarp.json</c> is loaded or reloaded: unknown keys, non-boolean
/// flags, malformed scopes, and route-value names the route's path does not define are errors naming the route.
/// YARP then refuses the whole new configuration and the previous good one stays live.
/// </summary>
public sealed partial class RouteMetadataValidator : ITransformProvider
{
    /// <inheritdoc />
    public void ValidateRoute(TransformRouteValidationContext context)
    {
        var route = context.Route;
        if (route.Metadata is null)
        {
            return;
        }

        foreach (var (key, value) in route.Metadata)
        {
            switch (key)
            {
                case RouteMetadataKeys.ForwardCredentials or RouteMetadataKeys.AllowUnsignedPayload or RouteMetadataKeys.IdentityToken:
                    if (!bool.TryParse(value, out _))
                    {
                        Error(context, $"metadata {key} must be true or false, not '{value}'");
                    }

                    break;
                case RouteMetadataKeys.RequiredScopes:
                    var scopes = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (scopes.Length == 0 || scopes.Any(s => !ScopeMatcher.IsValidPattern(s)))
                    {
                        Error(context, $"metadata {key} must be space-separated scopes like 'builds:read', not '{value}'");
                    }

                    break;
                case RouteMetadataKeys.ProjectRouteValue or RouteMetadataKeys.OrgRouteValue:
                    if (!DefinesParameter(route.Match.Path, value))
                    {
                        Error(context, $"metadata {key} names '{value}', which the route's Match.Path does not define as a parameter");
                    }

                    break;
                case RouteMetadataKeys.IdentityAudience:
                    if (value.Length is 0 or > 256 || value.Any(c => c <= ' ' || c > '~'))
                    {
                        Error(context, $"metadata {key} must be 1-256 printable ASCII characters without spaces, not '{value}'");
                    }

                    break;
                case RouteMetadataKeys.RateLimitDefault or RouteMetadataKeys.RateLimitCeiling:
                    if (!Accounts.RateLimit.TryParse(value, out _, out var rateError))
                    {
                        Error(context, $"metadata {key} {rateError}, not '{value}'");
                    }

                    break;
                default:
                    Error(context, $"unknown metadata key '{key}' (known: {string.Join(", ", RouteMetadataKeys.All)})");
                    break;
            }
        }
    }

    /// <inheritdoc />
    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    /// <inheritdoc />
    public void Apply(TransformBuilderContext context)
    {
    }

    private static void Error(TransformRouteValidationContext context, string message) =>
        context.Errors.Add(new ArgumentException($"Route '{context.Route.RouteId}': {message}."));

    private static bool DefinesParameter(string? path, string name) =>
        path is not null && Parameter().Matches(path).Any(m => m.Groups[1].Value == name);

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Parameter();
}
