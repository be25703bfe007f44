using System.Collections.Concurrent;
using Gateway.Accounts;
using Gateway.Accounts.Invalidation;
using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Errors;
using Gateway.KeyRotation;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.KeyRotation;

/// <summary>
/// The sweep's logic on a real SQLite store with a fake clock: nothing before the grace ends, exactly one
/// transition, invalidation and <c>key.revoked</c> event after it, and the background service driven by the clock.
/// </summary>
public sealed class ScheduledRevocationsTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(Samples.T0);
    private readonly ConcurrentQueue<AuditEvent> _audit = new();
    private readonly RecordingPublisher _published = new();
    private SqliteAccountStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteAccountStore(_dir.Combine("data", "gateway.db"));
        await _store.InitializeAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private ScheduledRevocations Sweeper(Func<AuditEvent, CancellationToken, Task>? write = null, IAccountStore? store = null) => new(
        store ?? _store, _published,
        write ?? ((e, _) =>
        {
            _audit.Enqueue(e);
            return Task.CompletedTask;
        }), _clock, NullLogger<ScheduledRevocations>.Instance);

    private async Task<ApiKey> RenewWithGraceAsync(TimeSpan grace)
    {
        var account = Samples.Account();
        var old = Samples.Key(account.Id, createdAt: _clock.GetUtcNow());
        await _store.CreateAccountWithKeyAsync(account, old, CancellationToken.None);
        Assert.True(await _store.ReplaceKeyLaterAsync(old.Id, Samples.Key(account.Id, createdAt: _clock.GetUtcNow()),
            _clock.GetUtcNow() + grace, CancellationToken.None));
        return old;
    }

    [Fact]
    public async Task Sweep_BeforeTheGraceEnds_DoesNothing_AfterIt_RevokesOnce()
    {
        var old = await RenewWithGraceAsync(TimeSpan.FromHours(1));
        var sweeper = Sweeper();

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Empty(_audit);
        Assert.Empty(_published.Invalidations);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));

        var revoked = Assert.Single(_audit);
        Assert.Equal(AuditActions.KeyRevoked, revoked.Action);
        Assert.Equal(AuditKinds.System, revoked.Kind);
        Assert.Equal("system", revoked.PrincipalName);
        Assert.Null(revoked.PrincipalId);
        Assert.Equal(old.Id, revoked.Target);
        Assert.Equal(old.AccountId, revoked.Details![AuditKinds.AccountDetail]);
        Assert.Equal("grace", revoked.Details["reason"]);
        Assert.Equal(CacheInvalidation.Key(old.Id), Assert.Single(_published.Invalidations));
        Assert.Equal(Samples.T0.AddHours(1), (await _store.GetKeyAsync(old.Id, CancellationToken.None))!.RevokedAt);
    }

    [Fact]
    public async Task Sweep_ManyDue_HandlesThemInBatches()
    {
        var keys = new List<ApiKey>();
        for (var i = 0; i < ScheduledRevocations.Batch + 5; i++)
        {
            keys.Add(await RenewWithGraceAsync(TimeSpan.FromMinutes(1)));
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(keys.Count, await Sweeper().SweepAsync(CancellationToken.None));

        Assert.Equal(keys.Select(k => k.Id).Order(), _audit.Select(e => e.Target!).Order());
    }

    [Fact]
    public async Task Sweep_AuditStoreDown_TheRevocationStillStands()
    {
        var old = await RenewWithGraceAsync(TimeSpan.FromMinutes(1));
        _clock.Advance(TimeSpan.FromMinutes(2));

        var made = await Sweeper((_, _) => throw new StoreUnavailableException("audit store down")).SweepAsync(CancellationToken.None);

        Assert.Equal(1, made);
        Assert.Equal(KeyStatus.Revoked, (await _store.GetKeyAsync(old.Id, CancellationToken.None))!.StatusAt(_clock.GetUtcNow()));
        Assert.Single(_published.Invalidations);
    }

    [Fact]
    public async Task Service_SweepsOnTheClock()
    {
        var old = await RenewWithGraceAsync(TimeSpan.FromSeconds(30));
        var written = new TaskCompletionSource<AuditEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = new ScheduledRevocationService(Sweeper((e, _) =>
        {
            written.TrySetResult(e);
            return Task.CompletedTask;
        }), _clock, NullLogger<ScheduledRevocationService>.Instance);
        await service.StartAsync(CancellationToken.None);
        try
        {
            // The service creates its timer on a background thread: step the clock until a tick has swept.
            for (var i = 0; i < 600 && !written.Task.IsCompleted; i++)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                await Task.WhenAny(written.Task, Task.Delay(50));
            }

            var revoked = await written.Task.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.True(_clock.GetUtcNow() >= Samples.T0.AddSeconds(30), "revoked before the grace ended");
            Assert.Equal(old.Id, revoked.Target);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Service_AnUnexpectedStoreError_IsLoggedAndTheNextTickSweepsAgain()
    {
        // Found by the benchmark: a SqliteException the store did not map (not busy, locked, I/O…) escaped the
        // loop, and the default BackgroundService behaviour stopped the whole gateway under load.
        var old = await RenewWithGraceAsync(TimeSpan.FromSeconds(5));
        var store = new CountingAccountStore(_store) { DueRevocationsFailure = new SqliteException("locking protocol", 15) };
        var written = new TaskCompletionSource<AuditEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var logger = new RecordingLogger<ScheduledRevocationService>();
        var service = new ScheduledRevocationService(Sweeper((e, _) =>
        {
            written.TrySetResult(e);
            return Task.CompletedTask;
        }, store), _clock, logger);
        await service.StartAsync(CancellationToken.None);
        try
        {
            for (var i = 0; i < 600 && store.DueRevocationCalls < 3; i++)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(10);
            }

            Assert.True(store.DueRevocationCalls >= 3, $"the service stopped sweeping after {store.DueRevocationCalls} failed sweep(s)");
            Assert.False(service.ExecuteTask!.IsCompleted, "the service's loop ended on a store error");
            Assert.Contains(logger.At(LogLevel.Warning), w => w.Exception is SqliteException { SqliteErrorCode: 15 });

            store.DueRevocationsFailure = null;
            for (var i = 0; i < 600 && !written.Task.IsCompleted; i++)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
                await Task.WhenAny(written.Task, Task.Delay(50));
            }

            Assert.Equal(old.Id, (await written.Task.WaitAsync(TimeSpan.FromSeconds(5))).Target);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Service_APersistentFailure_IsLoggedWhenItStarts_AtMostOnceAMinuteWhileItLasts_AndWhenItEnds()
    {
        var store = new CountingAccountStore(_store) { DueRevocationsFailure = new SqliteException("locking protocol", 15) };
        var logger = new RecordingLogger<ScheduledRevocationService> { Clock = _clock };
        var service = new ScheduledRevocationService(Sweeper(store: store), _clock, logger);
        await service.StartAsync(CancellationToken.None);
        try
        {
            await StepUntilAsync(() => store.DueRevocationCalls >= 5);
            Assert.Equal([1752], logger.Entries.Select(e => e.EventId));

            // Failing on: the next event is the reminder, a minute (of the clock) after the first.
            await StepUntilAsync(() => logger.Entries.Length >= 2);
            Assert.Equal([1752, 1753], logger.Entries.Select(e => e.EventId));
            Assert.True(logger.Entries[1].At - logger.Entries[0].At >= ScheduledRevocationService.FailureLogInterval,
                $"reminded after {logger.Entries[1].At - logger.Entries[0].At}");

            store.DueRevocationsFailure = null;
            await StepUntilAsync(() => logger.Entries.Length >= 3);
            Assert.Equal([1752, 1753, 1754], logger.Entries.Select(e => e.EventId));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Advances the clock a second at a time, giving the service's loop a moment after each step.</summary>
    private async Task StepUntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 1000 && !done(); i++)
        {
            _clock.Advance(ScheduledRevocationService.Interval);
            await Task.Delay(10);
        }

        Assert.True(done(), "the condition did not hold within 1,000 steps of the clock");
    }

    private sealed class RecordingPublisher : IInvalidationPublisher
    {
        public ConcurrentQueue<CacheInvalidation> Invalidations { get; } = new();

        public Task PublishAsync(CacheInvalidation invalidation, CancellationToken cancellationToken)
        {
            Invalidations.Enqueue(invalidation);
            return Task.CompletedTask;
        }
    }
}
