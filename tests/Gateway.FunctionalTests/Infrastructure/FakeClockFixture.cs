using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>
/// An echo upstream and a gateway whose <see cref="TimeProvider"/> is a <see cref="FakeTimeProvider"/> standing on a
/// whole second, so signing times can be placed exactly at the edges of the clock skew. The clock only moves forward.
/// </summary>
public sealed class FakeClockFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public EchoUpstreamHost Upstream { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = await EchoUpstreamHost.StartAsync();
        Gateway = await GatewayHost.StartAsync(Upstream.Url, configure: builder => builder.Services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
