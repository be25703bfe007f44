using Gateway.Accounts;
using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Authentication;
using Gateway.Errors;
using Gateway.Redis;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Observability;

/// <summary>
/// Creates every gateway counter's (and labelled histogram's) series for its known label values at 0 when the
/// gateway starts, so the first event is an increase Prometheus can see (<c>rate</c>/<c>increase</c> over a series
/// that appears at 1 sees nothing) and dashboard panels are not empty before it. Route labels follow the routes file:
/// routes added by a reload get their series at reload. Runs once at start (and once per reload), never per request.
/// </summary>
public static class MetricsInitialization
{
    /// <summary>The <c>reason</c> values of failed authentications.</summary>
    public static readonly string[] FailureReasons =
    [
        ErrorCodes.MalformedCredentials, ErrorCodes.InvalidCredentials, ErrorCodes.KeyExpired, ErrorCodes.KeyRevoked,
        ErrorCodes.AccountDisabled, ErrorCodes.SignatureExpired, ErrorCodes.DigestMismatch, ErrorCodes.ReplayedRequest,
        ErrorCodes.PayloadTooLarge, ErrorCodes.AuthUnavailable,
    ];

    /// <summary>The <c>operation</c> values of the account store (InstrumentedAccountStore).</summary>
    public static readonly string[] AccountStoreOperations =
    [
        "initialize", "ping", "is_empty", "create_account", "get_account", "list_accounts", "update_account",
        "delete_account", "create_key", "get_key", "list_keys", "revoke_key", "replace_key", "replace_all_keys",
        "find_credential", "touch_keys", "statistics", "list_roles", "put_role",
    ];

    /// <summary>The <c>operation</c> values of the nonce store (NonceStoreInstruments).</summary>
    public static readonly string[] NonceStoreOperations = ["reserve_nonce", "ping"];

    /// <summary>The <c>outcome</c> values of proxied requests.</summary>
    public static readonly string[] Outcomes = ["2xx", "3xx", "4xx", "5xx"];

    /// <summary>Creates the series of <paramref name="metrics"/> for the gateway built as <paramref name="app"/>.</summary>
    public static void Initialize(WebApplication app, GatewayMetrics metrics)
    {
        var store = app.Services.GetRequiredService<IOptions<StoreOptions>>().Value;
        var replay = app.Services.GetRequiredService<IOptions<Replay.ReplayOptions>>().Value;
        var redis = app.Services.GetRequiredService<IOptions<RedisOptions>>().Value;
        InitializeSchemes(metrics, app.Services.GetRequiredService<MeteredSchemes>());

        var accountStore = store.IsRedis ? "redis" : "sqlite";
        foreach (var operation in AccountStoreOperations)
        {
            metrics.StoreErrors.WithLabels(accountStore, operation);
            metrics.StoreDuration.WithLabels(accountStore, operation);
        }

        if (!store.IsRedis)
        {
            metrics.StoreErrors.WithLabels(accountStore, SqliteCheckpointer.MetricOperation);
            metrics.StoreDuration.WithLabels(accountStore, SqliteCheckpointer.MetricOperation);
        }

        var nonceStore = replay.UsesRedis(redis.Configuration) ? "redis" : "memory";
        foreach (var operation in NonceStoreOperations)
        {
            metrics.StoreErrors.WithLabels(nonceStore, operation);
            metrics.StoreDuration.WithLabels(nonceStore, operation);
        }

        metrics.CacheEvictions.WithLabels("invalidated");
        metrics.CacheEvictions.WithLabels("expired");
        metrics.AuditWritten.WithLabels(AuditKinds.Admin);
        metrics.AuditWritten.WithLabels(AuditKinds.Request);
        metrics.AuditDropped.WithLabels("queue_full");
        metrics.AuditDropped.WithLabels("store_error");

        var routes = app.Services.GetServices<IProxyConfigProvider>().ToList();
        foreach (var provider in routes)
        {
            ChangeToken.OnChange(() => provider.GetConfig().ChangeToken, () => InitializeRoutes(provider, metrics));
            InitializeRoutes(provider, metrics);
        }
    }

    /// <summary>
    /// Creates the authentication series of every registered scheme (<see cref="MeteredSchemes"/>: the API key, each
    /// signature scheme, federation when enabled): successes, each failure reason, the duration, and the replay
    /// rejections of the schemes that refuse replays.
    /// </summary>
    public static void InitializeSchemes(GatewayMetrics metrics, MeteredSchemes schemes)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(schemes);
        foreach (var scheme in schemes.All)
        {
            metrics.Authentications.WithLabels(scheme.Name, "success", "ok");
            metrics.AuthenticationDuration.WithLabels(scheme.Name);
            foreach (var reason in FailureReasons)
            {
                metrics.Authentications.WithLabels(scheme.Name, "failure", reason);
            }

            if (scheme.RejectsReplays)
            {
                metrics.ReplayRejections.WithLabels(scheme.Name);
            }
        }
    }

    private static void InitializeRoutes(IProxyConfigProvider provider, GatewayMetrics metrics)
    {
        foreach (var route in provider.GetConfig().Routes)
        {
            metrics.RequestDuration.WithLabels(route.RouteId);
            foreach (var outcome in Outcomes)
            {
                metrics.Requests.WithLabels(route.RouteId, outcome);
            }
        }
    }
}
