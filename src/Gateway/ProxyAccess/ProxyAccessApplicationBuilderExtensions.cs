using Gateway.Authentication.ApiKey;
using Gateway.Authentication.Signature;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.ProxyAccess;

/// <summary>Puts authentication and authorization into the pipeline, with the proxy's own access step in front.</summary>
public static partial class ProxyAccessApplicationBuilderExtensions
{
    /// <summary>
    /// Adds ASP.NET Core's authentication and authorization middleware behind the <see cref="ProxyAccessMiddleware"/>,
    /// which sends each request either through them or, when it can answer itself, straight to the rest of the pipeline.
    /// </summary>
    public static IApplicationBuilder UseGatewayAccess(this IApplicationBuilder app)
    {
        var aspNet = app.New();
        aspNet.UseAuthentication();
        aspNet.UseAuthorization();

        // UseAuthentication/UseAuthorization mark the builder they were called on; the host adds them again at the
        // start of the pipeline unless the application's own builder carries those marks.
        foreach (var (key, value) in aspNet.Properties)
        {
            app.Properties.TryAdd(key, value);
        }

        var services = app.ApplicationServices;
        var conditions = new ProxyAccessConditions(services);
        if (conditions.Reasons.Count > 0)
        {
            LogOff(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProxyAccessMiddleware)), string.Join("; ", conditions.Reasons));
        }

        var apiKey = services.GetRequiredService<ApiKeyAuthenticator>();
        var signature = services.GetService<SignatureAuthenticator>();
        return app.Use(next =>
        {
            aspNet.Run(next);
            return new ProxyAccessMiddleware(next, aspNet.Build(), apiKey, signature, conditions).InvokeAsync;
        });
    }

    [LoggerMessage(EventId = EventIds.ProxyAccess.StepOff, Level = LogLevel.Information,
        Message = "The proxy access step is off, every request takes ASP.NET Core's authentication and authorization: {Reasons}")]
    private static partial void LogOff(ILogger logger, string reasons);
}
