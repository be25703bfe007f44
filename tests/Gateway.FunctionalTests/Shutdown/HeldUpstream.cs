using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.FunctionalTests.Shutdown;

/// <summary>
/// A real upstream that holds every request under <c>/echo/slow</c> until <see cref="Release"/> is called (so the
/// test knows exactly which requests are in flight) and answers anything else at once.
/// </summary>
public sealed class HeldUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _expected;
    private int _arrived;

    private HeldUpstream(int expected)
    {
        _expected = expected;
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>Where the upstream listens.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Completes when <c>expected</c> held requests have arrived.</summary>
    public Task AllArrived => _allArrived.Task;

    /// <summary>Starts an upstream that reports when <paramref name="expected"/> held requests are waiting.</summary>
    public static async Task<HeldUpstream> StartAsync(int expected)
    {
        var upstream = new HeldUpstream(expected);
        await upstream._app.StartAsync();
        upstream.Url = new Uri(upstream._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return upstream;
    }

    /// <summary>Lets every held request answer.</summary>
    public void Release() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/echo/slow", StringComparison.Ordinal))
        {
            if (Interlocked.Increment(ref _arrived) == _expected)
            {
                _allArrived.TrySetResult();
            }

            await _release.Task.WaitAsync(context.RequestAborted);
        }

        await context.Response.WriteAsync("done", context.RequestAborted);
    }
}
