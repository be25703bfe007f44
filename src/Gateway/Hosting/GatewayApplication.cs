using Gateway.Accounts;
using Gateway.Admin;
using Gateway.AdminConsole;
using Gateway.Audit;
using Gateway.Authentication;
using Gateway.Authentication.ApiKey;
using Gateway.Authentication.Signature;
using Gateway.Authentication.Signature.Rfc9421;
using Gateway.Authentication.Signature.SigV4;
using Gateway.Authorization;
using Gateway.Configuration;
using Gateway.Errors;
using Gateway.Federation;
using Gateway.Forwarding;
using Gateway.Hosting.Startup;
using Gateway.IdentityToken;
using Gateway.KeyRotation;
using Gateway.Listeners;
using Gateway.Observability;
using Gateway.Observability.Redaction;
using Gateway.ProxyAccess;
using Gateway.RateLimiting;
using Gateway.Redis;
using Gateway.Replay;
using Gateway.SecretScanning;
using Gateway.Shutdown;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// The composition root: one call per feature for the services, then the request pipeline in the order of
/// docs/ARCHITECTURE.md. Each feature owns its settings, their validation and its registration; Program.cs only runs this.
/// </summary>
public static class GatewayApplication
{
    /// <summary>
    /// Builds the gateway from command-line <paramref name="args"/> and the usual configuration sources;
    /// <paramref name="configure"/> lets tests replace services (a fake clock) before the container is built.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = RoutesFileConfiguration.WithoutHostReload(args) });
        LoggingDefaults.Apply(builder.Configuration);
        var options = GatewayOptionsValidator.ValidateNow(builder.Configuration);
        builder.AddRoutesFile(options.RoutesFile, args);
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        DataDirectory.Prepare(dataDirectory, options.Store.IsRedis ? null : Path.Combine(dataDirectory, "gateway.db"));

        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddSingleton(new GatewayDataDirectory(dataDirectory));
        services.TryAddSingleton(TimeProvider.System);

        // Features, lowest first. A new feature adds one line here (and, if it maps endpoints, one below).
        services.AddGatewayObservability(configuration);
        services.AddGatewayListeners(configuration);
        services.AddGatewayRedis(configuration);
        services.AddGatewayAccounts(configuration);
        services.AddGatewayAudit(configuration);
        services.AddGatewayReplay(configuration);
        services.AddGatewayAuthentication()
            .AddApiKey()
            .AddSignatures(configuration)
            .AddRfc9421()
            .AddSigV4();
        services.AddGatewayAuthorization();
        services.AddGatewayForwarding(configuration);
        services.AddGatewayIdentityToken(configuration);
        services.AddGatewayFederation(configuration);
        services.AddGatewayRateLimiting(configuration);
        services.AddGatewayKeyRotation();
        services.AddGatewaySecretScanning(configuration);
        services.AddGatewayAdmin(configuration);
        services.AddAdminConsole(configuration);
        services.AddGracefulShutdown(configuration);
        services.AddHostedService<GatewayStartup>();

        configure?.Invoke(builder);
        UnknownSettings.Check(configuration, services.Select(d => d.ImplementationInstance).OfType<GatewaySettingsSection>());
        RedactingLoggerFactory.Register(services);

        // The request pipeline (docs/ARCHITECTURE.md, "Request flow").
        var app = builder.Build();
        app.UseTraceContext();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseMiddleware<RequestHeaderGuard>();
        app.UseMiddleware<AdminPathGuard>();
        app.UseGatewayClientAddress();
        app.UseRouting();
        app.UseMiddleware<RequestAuditMiddleware>();
        app.UseGatewayAccess();
        app.UseMiddleware<ReplayReleaseMiddleware>();
        app.UseGatewayRateLimiting();

        // Endpoints. A feature that maps endpoints adds its app.MapGatewayX() line here, before the console.
        app.MapGatewayObservability();
        app.MapAuditEndpoints();
        app.MapAdminApi();
        app.MapRoleEndpoints();
        app.MapGatewayIdentityToken();
        app.MapGatewayFederation();
        app.MapGatewaySecretScanning();
        app.MapAdminConsole();
        app.MapAdminMethodNotAllowed();
        app.MapWhoAmI();
        app.MapGatewayProxy();
        return app;
    }
}
