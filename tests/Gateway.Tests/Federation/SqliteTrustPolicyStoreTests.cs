using Gateway.Accounts;
using Gateway.Accounts.Sqlite;
using Gateway.Federation.Store;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Federation;

/// <summary>The trust policy contract over the embedded database, plus its cascade on account deletion.</summary>
public sealed class SqliteTrustPolicyStoreTests : TrustPolicyStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override Task<(IAccountStore Accounts, ITrustPolicyStore Policies)> CreateStoresAsync()
    {
        var path = _dir.Combine("data", "gateway.db");
        return Task.FromResult<(IAccountStore, ITrustPolicyStore)>((new SqliteAccountStore(path), new SqliteTrustPolicyStore(path)));
    }

    protected override Task<ITrustPolicyStore> OpenUnavailableStoreAsync()
    {
        // A real failure that root hits too: the database path is a directory, so SQLite cannot open it (CANTOPEN).
        var path = _dir.Combine("unavailable", "gateway.db");
        Directory.CreateDirectory(path);
        return Task.FromResult<ITrustPolicyStore>(new SqliteTrustPolicyStore(path));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task DeletingTheAccount_DeletesItsPoliciesInTheSameTransaction()
    {
        var account = await NewAccountAsync();
        var policy = Policy(account.Id);
        await Policies.CreateAsync(policy, 20, Ct);

        Assert.True(await Accounts.DeleteAccountAsync(account.Id, Ct));

        Assert.Null(await Policies.GetAsync(policy.Id, Ct));
        Assert.Empty(await Policies.ListByIssuerAsync(GitHub, Ct));
    }
}
