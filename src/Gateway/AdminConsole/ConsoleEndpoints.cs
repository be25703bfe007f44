using Gateway.Configuration;
using Gateway.Listeners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.AdminConsole;

/// <summary>Registers and maps the browser console (Razor Pages under <c>/console</c>, admin listener only).</summary>
public static partial class ConsoleEndpoints
{
    /// <summary>Where the console lives on the admin listener.</summary>
    public const string BasePath = "/console";

    /// <summary>The session cookie's name.</summary>
    public const string SessionCookie = "gateway_console";

    /// <summary>Adds the console's services when <c>Gateway:Console:Enabled</c> is not false.</summary>
    public static void AddAdminConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettingsSection<ConsoleOptions>("Console");
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.SectionName))
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.AbsoluteTimeout >= o.IdleTimeout && o.MaxSessions > 0,
                "Gateway:Console: IdleTimeout must be positive, AbsoluteTimeout at least IdleTimeout, MaxSessions positive.")
            .ValidateOnStart();
        services.AddSingleton<ConsoleSessionStore>();
        services.AddSingleton<ConsoleApiFactory>();
        // Anti-forgery tokens only need to outlive a session, which lives in this process's memory too.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "gateway_console_af";
            antiforgery.Cookie.Path = BasePath;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = "__csrf";
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        services.AddRazorPages(pages => pages.RootDirectory = "/AdminConsole/Pages")
            .AddApplicationPart(typeof(ConsoleEndpoints).Assembly);
        DropKeyRingLoader(services);
    }

    /// <summary>
    /// Removes data protection's hosted service. The console protects its tokens with the in-memory provider above and
    /// nothing reads the default key ring, but that service loads it at start, and on a fresh host that writes a new
    /// key, unencrypted, under <c>$HOME/.aspnet/DataProtection-Keys</c>: a secret outside the data directory, a warning
    /// in the log, and an XML stack loaded for nothing.
    /// </summary>
    private static void DropKeyRingLoader(IServiceCollection services)
    {
        var dataProtection = typeof(EphemeralDataProtectionProvider).Assembly;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationType?.Assembly == dataProtection)
            {
                services.RemoveAt(i);
            }
        }
    }

    /// <summary>Maps the console on the admin listener, with its security headers.</summary>
    public static void MapAdminConsole(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value.Enabled)
        {
            return;
        }

        var admin = new ListenerMetadata(ListenerNames.Admin);
        app.UseWhen(ConsoleHeaders.Applies, branch => branch.UseMiddleware<ConsoleHeaders>());
        app.MapRazorPages().WithMetadata(admin).AllowAnonymous();
        app.MapGet(BasePath + "/assets/{name}", ConsoleAssets.Serve).WithMetadata(admin).AllowAnonymous();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var options = app.Services.GetRequiredService<IOptions<ListenersOptions>>().Value;
            var https = options.Admin.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            LogConsoleUrl(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleEndpoints)),
                new Uri(app.Services.GetRequiredService<BoundListeners>().BaseUri(ListenerNames.Admin, https), BasePath));
        });
    }

    [LoggerMessage(EventId = EventIds.AdminConsole.ConsoleUrl, Level = LogLevel.Information, Message = "Admin console at {Url} (sign in with an admin API key)")]
    private static partial void LogConsoleUrl(ILogger logger, Uri url);
}
