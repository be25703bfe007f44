using Gateway.Accounts;
using Gateway.Accounts.Roles;
using Gateway.Admin;
using Microsoft.Extensions.Hosting;

namespace Gateway.Hosting;

/// <summary>
/// Runs before the listeners open (<see cref="IHostedLifecycleService.StartingAsync"/>): migrates the store and
/// creates the bootstrap admin and loads the custom roles, so the first request already finds them.
/// </summary>
public sealed class GatewayStartup(IAccountStore store, BootstrapAdmin bootstrap, RoleRegistry roles) : IHostedLifecycleService
{
    /// <inheritdoc />
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        await bootstrap.EnsureAsync(cancellationToken);
        await roles.LoadAsync(cancellationToken);
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
