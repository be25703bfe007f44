using Gateway.Accounts;
using Gateway.Accounts.Sqlite;
using Gateway.Errors;
using Gateway.Telemetry;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Prometheus;

namespace Gateway.Tests.Accounts;

/// <summary>
/// The store's metrics around the credential lookup, over a real SQLite store: a synchronous answer (the embedded
/// store's, measured without an asynchronous wrapper), an asynchronous one, a failure and a cancellation.
/// </summary>
public sealed class InstrumentedAccountStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly TempDirectory _dir = new();
    private readonly GatewayMetrics _metrics = new(Metrics.NewCustomRegistry());
    private SqliteAccountStore _sqlite = null!;
    private ApiKey _key = null!;

    public async Task InitializeAsync()
    {
        _sqlite = new SqliteAccountStore(_dir.Combine("gateway.db"));
        await _sqlite.InitializeAsync(Ct);
        var account = Samples.Account();
        await _sqlite.CreateAccountAsync(account, Ct);
        _key = Samples.Key(account.Id);
        await _sqlite.CreateKeyAsync(_key, Ct);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _sqlite.Dispose();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private ulong Lookups => (ulong)_metrics.StoreDuration.WithLabels("sqlite", "find_credential").Count;

    private double Errors => _metrics.StoreErrors.WithLabels("sqlite", "find_credential").Value;

    [Fact]
    public async Task FindCredential_SynchronousAnswer_IsReturnedAndMeasured()
    {
        var store = new InstrumentedAccountStore(_sqlite, _metrics, "sqlite");

        var found = await store.FindCredentialAsync(_key.Id, Ct);
        var unknown = await store.FindCredentialAsync(IdGenerator.NewKeyId(), Ct);

        Assert.NotNull(found);
        Assert.Same(_key.Id, found.Key.Id); // the caller's string, not a decoded copy
        Assert.Same(found.Key.AccountId, found.Account.Id);
        Assert.Equal(_key.AccountId, found.Account.Id);
        Assert.Null(unknown);
        Assert.Equal(2UL, Lookups);
        Assert.Equal(0, Errors);
    }

    [Fact]
    public async Task FindCredential_AsynchronousAnswer_IsMeasuredWhenItCompletes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new InstrumentedAccountStore(new CountingAccountStore(_sqlite) { Gate = gate.Task }, _metrics, "sqlite");

        var lookup = store.FindCredentialAsync(_key.Id, Ct);
        Assert.False(lookup.IsCompleted);
        Assert.Equal(0UL, Lookups);
        gate.SetResult();

        Assert.Equal(_key.Id, (await lookup)?.Key.Id);
        Assert.Equal(1UL, Lookups);
        Assert.Equal(0, Errors);
    }

    [Fact]
    public async Task FindCredential_Failure_IsCountedAndPropagated()
    {
        var store = new InstrumentedAccountStore(new CountingAccountStore(_sqlite) { Unreachable = true }, _metrics, "sqlite");

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.FindCredentialAsync(_key.Id, Ct));

        Assert.Equal(1, Errors);
        Assert.Equal(1UL, Lookups);
    }

    [Fact]
    public async Task FindCredential_Cancelled_IsNotAnError()
    {
        var store = new InstrumentedAccountStore(_sqlite, _metrics, "sqlite");

        var lookup = store.FindCredentialAsync(_key.Id, new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lookup);
        Assert.True(lookup.IsCanceled);
        Assert.Equal(0, Errors);
    }
}
