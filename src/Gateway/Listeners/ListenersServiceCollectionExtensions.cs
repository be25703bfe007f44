using Gateway.Configuration;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Listeners;

/// <summary>Registers the three listeners: <c>Gateway:Listeners</c>, Kestrel's endpoints and the per-listener endpoint routing.</summary>
public static class ListenersServiceCollectionExtensions
{
    /// <summary>
    /// Adds <c>Gateway:Listeners</c> and <c>Gateway:PublicUrl</c>; Kestrel binds each listener (no <c>Server</c>
    /// header) and records its bound address in <see cref="BoundListeners"/>; endpoints answer only on their listener.
    /// </summary>
    public static IServiceCollection AddGatewayListeners(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ListenersOptions, ListenersOptionsValidator>(configuration.GetSection(ListenersOptions.SectionName));
        services.AddOptions<PublicUrlOptions>().Configure(options => options.PublicUrl = configuration[PublicUrlOptions.Key]);
        services.AddSingleton<BoundListeners>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ListenersOptions>, BoundListeners>((kestrel, listeners, bound) =>
        {
            kestrel.AddServerHeader = false;
            KestrelListenerSetup.Configure(kestrel, listeners.Value, bound);
        });
        services.AddSingleton<MatcherPolicy, ListenerMatcherPolicy>();
        return services;
    }
}
