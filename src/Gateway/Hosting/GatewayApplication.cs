using Gateway.Accounts;
using Gateway.Accounts.Invalidation;
using Gateway.KeyRotation;
using Gateway.SecretScanning;
using Gateway.Accounts.Redis;
using Gateway.Accounts.Secrets;
using Gateway.Accounts.Sqlite;
using Gateway.Accounts.Tokens;
using Gateway.Admin;
using Gateway.AdminConsole;
using Gateway.Audit;
using Gateway.Audit.Redis;
using Gateway.Audit.Sqlite;
using Gateway.Configuration;
using Prometheus;
using Gateway.Admin.Runners;
using Gateway.Authentication;
using Gateway.Authentication.ApiKey;
using Gateway.Authentication.Signature;
using Gateway.Replay;
using Gateway.Shutdown;
using Microsoft.AspNetCore.Http;
using StackExchange.Redis;
using Gateway.Authorization;
using Gateway.Errors;
using Gateway.Forwarding;
using Gateway.Hosting.Startup;
using Gateway.Observability;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>Composes the gateway: services, listeners and the request pipeline. Program.cs only calls this.</summary>
public static partial class GatewayApplication
{
    /// <summary>
    /// Builds the gateway from command-line <paramref name="args"/> and the usual configuration sources;
    /// <paramref name="configure"/> lets tests replace services (a fake clock) before the container is built.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = RoutesFileConfiguration.WithoutHostReload(args) });
        LoggingDefaults.Apply(builder.Configuration);
        var section = builder.Configuration.GetSection(GatewayOptions.SectionName);
        var options = section.Get<GatewayOptions>() ?? new GatewayOptions();
        var validation = new GatewayOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(GatewayOptions.SectionName, typeof(GatewayOptions), validation.Failures);
        }

        builder.AddRoutesFile(options.RoutesFile, args);
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        DataDirectory.Prepare(dataDirectory, options.Store.IsRedis ? null : Path.Combine(dataDirectory, "gateway.db"));

        var services = builder.Services;
        var metrics = MetricsSetup.Create();
        services.AddSingleton(metrics);
        services.AddSingleton<AuthenticationTelemetry>();
        services.AddTracing(builder.Configuration);
        services.AddOptions<GatewayOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        var bound = new BoundListeners();
        services.AddSingleton(bound);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            KestrelListenerSetup.Configure(kestrel, options.Listeners, bound);
        });

        AddAccounts(services, options, dataDirectory);
        AddAuthenticationAndAuthorization(services);
        services.AddSingleton<MatcherPolicy, ListenerMatcherPolicy>();
        services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms<RouteMetadataValidator>()
            .AddTransforms<IdentityTransformProvider>();
        AddReplayProtection(services, options);
        services.AddAdminConsole(builder.Configuration);
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<NonceHealthCheck>("nonces", tags: [HealthEndpoints.ReadyTag]);
        services.AddHostedService<GatewayStartup>();
        services.AddGatewayKeyRotation();
        services.AddGatewaySecretScanning(builder.Configuration);
        services.AddGracefulShutdown(builder.Configuration);

        configure?.Invoke(builder);
        UnknownSettings.Check(builder.Configuration, services.Select(d => d.ImplementationInstance).OfType<GatewaySettingsSection>());
        Gateway.Observability.Redaction.RedactingLoggerFactory.Register(services);

        var app = builder.Build();
        app.UseTraceContext();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseMiddleware<RequestHeaderGuard>();
        app.UseMiddleware<AdminPathGuard>();
        if (options.TrustedProxies.Count > 0)
        {
            // Only with trusted proxies: with empty proxy lists the framework would believe X-Forwarded-For from anyone.
            app.UseForwardedHeaders(ClientAddressOptions.Create(options.TrustedProxies));
        }

        app.UseRouting();
        app.UseMiddleware<RequestAuditMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<ReplayReleaseMiddleware>();
        app.MapGatewayHealth();
        app.MapMetrics("/metrics", metrics.Registry).WithMetadata(new ListenerMetadata(ListenerNames.Status)).AllowAnonymous();
        app.MapAuditEndpoints();
        MetricsSetup.ListenToMeters(app, metrics, options.Metrics);
        MetricsSetup.ObserveCredentialCache(app, metrics);
        MetricsInitialization.Initialize(app, metrics);
        app.MapAdminApi();
        app.MapRoleEndpoints();
        app.MapAdminConsole();
        app.MapAdminMethodNotAllowed();
        app.MapWhoAmI();
        app.MapGatewaySecretScanning();
        app.MapReverseProxy();
        return app;
    }

    private static void AddAccounts(IServiceCollection services, GatewayOptions options, string dataDirectory)
    {
        services.AddSingleton(provider =>
        {
            if (options.Keys.HashKey is { Length: > 0 } configured)
            {
                return new SecretHasher(Convert.FromBase64String(configured));
            }

            var path = Path.Combine(dataDirectory, "token-hash.key");
            var key = KeyMaterialFile.LoadOrCreate(path, 32, out var created);
            if (created)
            {
                LogKeyFileCreated(provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayApplication)), path);
            }

            return new SecretHasher(key);
        });
        services.AddSingleton(provider => MasterKeyRing.Create(options.Signing, dataDirectory,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MasterKeyRing))));
        var databasePath = Path.Combine(dataDirectory, "gateway.db");
        if (options.Store.IsRedis)
        {
            var layout = new RedisKeyLayout(options.Redis.KeyPrefix);
            services.AddSingleton(layout);
            services.AddSingleton<IAccountStore>(provider => new InstrumentedAccountStore(
                new RedisAccountStore(
                    provider.GetRequiredService<IConnectionMultiplexer>(),
                    layout.Prefix,
                    provider.GetRequiredService<TimeProvider>(),
                    provider.GetRequiredService<ILogger<RedisAccountStore>>()),
                provider.GetRequiredService<GatewayMetrics>(), "redis"));
            services.AddSingleton<IAuditStore>(provider =>
                new RedisAuditStore(provider.GetRequiredService<IConnectionMultiplexer>(), layout.Prefix));
            services.AddSingleton<IInvalidationPublisher, RedisInvalidationPublisher>();
            services.AddHostedService<RedisInvalidationListener>();
        }
        else
        {
            services.AddSingleton<IAccountStore>(provider =>
                new InstrumentedAccountStore(new SqliteAccountStore(databasePath), provider.GetRequiredService<GatewayMetrics>(), "sqlite"));
            services.AddSingleton<IAuditStore>(new SqliteAuditStore(databasePath));
            services.AddSingleton<IInvalidationPublisher, LocalInvalidationPublisher>();
        }

        services.AddSingleton<ICredentialCache>(provider => new CredentialCache(
            provider.GetRequiredService<IAccountStore>(),
            options.CredentialCache,
            options.Redis.MaxStaleness,
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<InvalidationApplier>();
        services.AddHostedService<CredentialCacheMaintenance>();
        services.AddSingleton<AuditEventFactory>();
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditWriter>());
        services.AddHostedService<StatisticsRefresher>();
        services.AddSingleton<RoleRegistry>();
        services.AddSingleton<IRoleResolver>(provider => provider.GetRequiredService<RoleRegistry>());
        services.AddSingleton<KeyFactory>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AdminValidation>();
        services.AddSingleton<Gateway.Admin.Access.AdminAuthorizer>();
        services.AddSingleton<RunnerService>();
        services.AddSingleton<CredentialValidator>();
        services.AddSingleton<SigningSecrets>();
        services.AddSingleton<BootstrapAdmin>();
    }

    private static void AddReplayProtection(IServiceCollection services, GatewayOptions options)
    {
        if (options.Redis.Configuration is { Length: > 0 } configuration)
        {
            services.AddSingleton(_ => RedisConnectionFactory.Connect(configuration));
        }

        if (UsesRedisNonces(options))
        {
            services.AddSingleton(provider => options.Replay.RedisConfiguration is { Length: > 0 } separate
                ? new NonceRedisConnection(RedisConnectionFactory.Connect(separate), owned: true)
                : new NonceRedisConnection(provider.GetRequiredService<IConnectionMultiplexer>(), owned: false));
            services.AddSingleton<INonceStore>(provider => new InstrumentedNonceStore(
                new RedisNonceStore(provider.GetRequiredService<NonceRedisConnection>().Multiplexer, options.Redis.KeyPrefix),
                provider.GetRequiredService<GatewayMetrics>(), "redis"));
        }
        else
        {
            services.AddSingleton<INonceStore>(provider => new InstrumentedNonceStore(
                new MemoryNonceStore(provider.GetRequiredService<TimeProvider>(), options.Replay.MemoryCapacity),
                provider.GetRequiredService<GatewayMetrics>(), "memory"));
            services.AddHostedService(provider => new ReplayHorizonKeeper(provider.GetRequiredService<ReplayHorizon>(),
                Path.GetFullPath(options.DataDirectory), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<ReplayHorizonKeeper>>()));
        }

        services.AddSingleton<ReplayHorizon>();
    }

    /// <summary>
    /// Whether nonces go to Redis: <c>Gateway:Replay:Store</c>, else whether Redis is configured at all
    /// (<c>Gateway:Redis:Configuration</c> or <c>Gateway:Replay:RedisConfiguration</c>).
    /// </summary>
    public static bool UsesRedisNonces(GatewayOptions options) =>
        options.Replay.Store is { Length: > 0 } store
            ? string.Equals(store, "redis", StringComparison.OrdinalIgnoreCase)
            : !string.IsNullOrEmpty(options.Redis.Configuration) || !string.IsNullOrEmpty(options.Replay.RedisConfiguration);

    private static void AddAuthenticationAndAuthorization(IServiceCollection services)
    {
        services.AddAuthentication(GatewayAuthenticationDefaults.PolicyScheme)
            .AddPolicyScheme(GatewayAuthenticationDefaults.PolicyScheme, "Gateway", policy =>
                policy.ForwardDefaultSelector = SelectScheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(GatewayAuthenticationDefaults.ApiKeyScheme, null)
            .AddScheme<SignatureAuthenticationOptions, SignatureAuthenticationHandler>(GatewayAuthenticationDefaults.SignatureScheme, null);

        services.AddAuthorization(authorization =>
        {
            var authenticated = new AuthorizationPolicyBuilder(GatewayAuthenticationDefaults.PolicyScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(AccessRequirements.All)
                .Build();
            authorization.DefaultPolicy = authenticated;
            authorization.FallbackPolicy = authenticated;
            foreach (var scope in new[] { GatewayScopes.AccountsRead, GatewayScopes.AccountsWrite, GatewayScopes.AuditRead })
            {
                authorization.AddPolicy(scope, policy => policy
                    .AddAuthenticationSchemes(GatewayAuthenticationDefaults.PolicyScheme)
                    .RequireAuthenticatedUser()
                    .AddRequirements(AccessRequirements.All)
                    .AddRequirements(new ScopeRequirement([scope])));
            }
        });
        services.AddSingleton<IAuthorizationHandler, IpAllowlistHandler>();
        services.AddSingleton<IAuthorizationHandler, RouteTenancyHandler>();
        services.AddSingleton<IAuthorizationHandler, RouteScopesHandler>();
        services.AddSingleton<IAuthorizationHandler, ScopeAuthorizationHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GatewayAuthorizationResultHandler>();
    }

    /// <summary>Signed requests go to the signature handler, everything else to the API key handler.</summary>
    private static string SelectScheme(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey("Signature-Input"))
        {
            return GatewayAuthenticationDefaults.SignatureScheme;
        }

        var authorization = headers.Authorization;
        return authorization.Count == 1
            && authorization[0] is { } value
            && value.StartsWith(GatewayAuthenticationDefaults.SigV4AuthorizationPrefix, StringComparison.Ordinal)
            ? GatewayAuthenticationDefaults.SignatureScheme
            : GatewayAuthenticationDefaults.ApiKeyScheme;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "No Gateway:Keys:HashKey configured; generated {Path} (mode 0600). Back it up: bearer keys cannot be verified without it.")]
    private static partial void LogKeyFileCreated(ILogger logger, string path);
}
