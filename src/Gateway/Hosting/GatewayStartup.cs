using Gateway.Accounts;
using Microsoft.Extensions.Hosting;

namespace Gateway.Hosting;

/// <summary>
/// Runs before the listeners open (<see cref="IHostedLifecycleService.StartingAsync"/>): migrates the store and
/// creates the bootstrap admin, so the first request already finds both.
/// </summary>
public sealed class GatewayStartup(IAccountStore store, BootstrapAdmin bootstrap) : IHostedLifecycleService
{
    /// <inheritdoc />
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        await bootstrap.EnsureAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
