using Gateway.Accounts;
using Gateway.Tests.TestSupport;

namespace Gateway.Tests.KeyRotation;

/// <summary>
/// What both stores must do for renewals with a grace period: schedule, list what is due, and make the one
/// transition to "revoked" exactly once however many callers race for it. One fresh storage per test.
/// </summary>
public abstract class ScheduledRevocationStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = Samples.T0;

    private IAccountStore? _store;

    protected IAccountStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>A new store over fresh storage (not initialised).</summary>
    protected abstract Task<IAccountStore> CreateStoreAsync();

    /// <summary>A second store instance over the same storage, as after a restart (not initialised).</summary>
    protected abstract Task<IAccountStore> ReopenStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(Ct);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private async Task<(ApiKey Old, ApiKey New)> RenewLaterAsync(DateTimeOffset revokesAt)
    {
        var account = Samples.Account();
        var old = Samples.Key(account.Id, createdAt: T0);
        await Store.CreateAccountWithKeyAsync(account, old, Ct);
        var fresh = Samples.Key(account.Id, createdAt: T0.AddSeconds(1));
        Assert.True(await Store.ReplaceKeyLaterAsync(old.Id, fresh, revokesAt, Ct));
        return (old, fresh);
    }

    [Fact]
    public async Task ReplaceKeyLater_SchedulesTheOldKey_AddsTheNewOne_AndTheCredentialCarriesTheTime()
    {
        var (old, fresh) = await RenewLaterAsync(T0.AddHours(1));

        var credential = await Store.FindCredentialAsync(old.Id, Ct);
        Assert.NotNull(credential);
        Assert.Equal(T0.AddHours(1), credential.Key.RevokesAt);
        Assert.Null(credential.Key.RevokedAt);
        Assert.Equal(KeyStatus.Active, credential.Key.StatusAt(T0.AddMinutes(59)));
        Assert.Equal(KeyStatus.Revoked, credential.Key.StatusAt(T0.AddHours(1)));
        Assert.NotNull(await Store.GetKeyAsync(fresh.Id, Ct));
        Assert.Null((await Store.GetKeyAsync(fresh.Id, Ct))!.RevokesAt);
        Assert.Equal(2, (await Store.ListKeysAsync(old.AccountId, Ct)).Count);
    }

    [Fact]
    public async Task ReplaceKeyLater_AnEarlierScheduleStands()
    {
        var (old, _) = await RenewLaterAsync(T0.AddMinutes(10));

        Assert.True(await Store.ReplaceKeyLaterAsync(old.Id, Samples.Key(old.AccountId, createdAt: T0.AddSeconds(2)), T0.AddHours(2), Ct));

        Assert.Equal(T0.AddMinutes(10), (await Store.GetKeyAsync(old.Id, Ct))!.RevokesAt);
    }

    [Fact]
    public async Task ReplaceKeyLater_RevokedOldKey_IsRefusedAndWritesNothing()
    {
        var account = Samples.Account();
        var old = Samples.Key(account.Id, createdAt: T0);
        await Store.CreateAccountWithKeyAsync(account, old, Ct);
        await Store.RevokeKeyAsync(old.Id, T0, Ct);
        var fresh = Samples.Key(account.Id, createdAt: T0.AddSeconds(1));

        Assert.False(await Store.ReplaceKeyLaterAsync(old.Id, fresh, T0.AddHours(1), Ct));

        Assert.Null(await Store.GetKeyAsync(fresh.Id, Ct));
        Assert.Null((await Store.GetKeyAsync(old.Id, Ct))!.RevokesAt);
        Assert.Empty(await Store.ListDueRevocationsAsync(T0.AddDays(1), 10, Ct));
    }

    [Fact]
    public async Task ListDue_ReturnsOnlyWhatIsDue()
    {
        var (soon, _) = await RenewLaterAsync(T0.AddMinutes(1));
        var (later, _) = await RenewLaterAsync(T0.AddMinutes(5));

        Assert.Empty(await Store.ListDueRevocationsAsync(T0.AddSeconds(59), 10, Ct));
        Assert.Equal([soon.Id], await Store.ListDueRevocationsAsync(T0.AddMinutes(1), 10, Ct));
        Assert.Equal([soon.Id, later.Id], await Store.ListDueRevocationsAsync(T0.AddMinutes(5), 10, Ct));
    }

    [Fact]
    public async Task Complete_NotDue_ChangesNothing()
    {
        var (old, _) = await RenewLaterAsync(T0.AddMinutes(1));

        Assert.Null(await Store.CompleteScheduledRevocationAsync(old.Id, T0.AddSeconds(30), Ct));

        Assert.Null((await Store.GetKeyAsync(old.Id, Ct))!.RevokedAt);
        Assert.Equal([old.Id], await Store.ListDueRevocationsAsync(T0.AddMinutes(1), 10, Ct));
    }

    [Fact]
    public async Task Complete_RacingCallers_ExactlyOneMakesTheTransition_AtTheScheduledTime()
    {
        var (old, _) = await RenewLaterAsync(T0.AddMinutes(1));
        var reopened = await ReopenStoreAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? Store : reopened).CompleteScheduledRevocationAsync(old.Id, T0.AddMinutes(2), Ct)));

        var winner = Assert.Single(results, r => r is not null)!;
        Assert.Equal(old.Id, winner.Id);
        Assert.Equal(T0.AddMinutes(1), winner.RevokedAt);
        Assert.Equal(T0.AddMinutes(1), (await Store.GetKeyAsync(old.Id, Ct))!.RevokedAt);
        Assert.Empty(await Store.ListDueRevocationsAsync(T0.AddDays(1), 10, Ct));
        Assert.Null(await Store.CompleteScheduledRevocationAsync(old.Id, T0.AddDays(1), Ct));
    }

    [Fact]
    public async Task EarlyRevoke_DuringTheGrace_WinsAndLeavesNothingToDo()
    {
        var (old, _) = await RenewLaterAsync(T0.AddHours(1));

        await Store.RevokeKeyAsync(old.Id, T0.AddMinutes(5), Ct);

        Assert.Equal(T0.AddMinutes(5), (await Store.GetKeyAsync(old.Id, Ct))!.RevokedAt);
        Assert.Null(await Store.CompleteScheduledRevocationAsync(old.Id, T0.AddHours(2), Ct));
        Assert.Equal(T0.AddMinutes(5), (await Store.GetKeyAsync(old.Id, Ct))!.RevokedAt);
        Assert.Empty(await Store.ListDueRevocationsAsync(T0.AddDays(1), 10, Ct));
    }

    [Fact]
    public async Task Schedule_SurvivesAReopen()
    {
        var (old, _) = await RenewLaterAsync(T0.AddMinutes(1));

        var reopened = await ReopenStoreAsync();
        await reopened.InitializeAsync(Ct);

        Assert.Equal([old.Id], await reopened.ListDueRevocationsAsync(T0.AddMinutes(1), 10, Ct));
        Assert.NotNull(await reopened.CompleteScheduledRevocationAsync(old.Id, T0.AddMinutes(1), Ct));
    }

    [Fact]
    public async Task DeletedAccount_LeavesNothingDue()
    {
        var (old, _) = await RenewLaterAsync(T0.AddMinutes(1));

        Assert.True(await Store.DeleteAccountAsync(old.AccountId, Ct));

        var due = await Store.ListDueRevocationsAsync(T0.AddMinutes(1), 10, Ct);
        foreach (var keyId in due)
        {
            Assert.Null(await Store.CompleteScheduledRevocationAsync(keyId, T0.AddMinutes(1), Ct));
        }

        Assert.Empty(await Store.ListDueRevocationsAsync(T0.AddMinutes(1), 10, Ct));
    }
}
