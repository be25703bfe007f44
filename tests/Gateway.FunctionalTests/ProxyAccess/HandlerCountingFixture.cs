using Gateway.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.FunctionalTests.ProxyAccess;

/// <summary>
/// A gateway whose authentication handler provider counts how often ASP.NET Core's authentication machinery
/// resolves a handler: zero for a request the proxy access step answered itself.
/// </summary>
public sealed class HandlerCountingFixture : IAsyncLifetime
{
    private int _resolutions;

    /// <summary>Settings the gateway starts with (e.g. a Redis nonce store); none by default.</summary>
    public IDictionary<string, string?>? Settings { get; init; }

    public EchoUpstreamHost Upstream { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    /// <summary>Handler resolutions since the gateway started.</summary>
    public int Resolutions => Volatile.Read(ref _resolutions);

    public async Task InitializeAsync()
    {
        Upstream = await EchoUpstreamHost.StartAsync();
        Gateway = await GatewayHost.StartAsync(Upstream.Url, Settings, configure: builder =>
            builder.Services.AddScoped<IAuthenticationHandlerProvider>(provider =>
                new CountingProvider(new AuthenticationHandlerProvider(provider.GetRequiredService<IAuthenticationSchemeProvider>()), this)));
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    private sealed class CountingProvider(AuthenticationHandlerProvider inner, HandlerCountingFixture owner) : IAuthenticationHandlerProvider
    {
        public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme)
        {
            Interlocked.Increment(ref owner._resolutions);
            return inner.GetHandlerAsync(context, authenticationScheme);
        }
    }
}
