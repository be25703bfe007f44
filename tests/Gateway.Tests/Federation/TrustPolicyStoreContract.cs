using Gateway.Accounts;
using Gateway.Errors;
using Gateway.Federation.Policies;
using Gateway.Federation.Store;
using Gateway.Tests.TestSupport;

namespace Gateway.Tests.Federation;

/// <summary>
/// The behaviour every <see cref="ITrustPolicyStore"/> must have, run against SQLite and Redis. A concrete class
/// supplies an account store and a policy store over the same fresh storage.
/// </summary>
public abstract class TrustPolicyStoreContract : IAsyncLifetime
{
    protected const string GitHub = "https://token.actions.githubusercontent.com";
    protected const string GitLab = "https://gitlab.com";

    protected static CancellationToken Ct => CancellationToken.None;

    protected IAccountStore Accounts { get; private set; } = null!;

    protected ITrustPolicyStore Policies { get; private set; } = null!;

    protected abstract Task<(IAccountStore Accounts, ITrustPolicyStore Policies)> CreateStoresAsync();

    /// <summary>
    /// A policy store whose storage really cannot answer (no fake): a database path that is a directory, a Redis port
    /// that nothing listens on. Every operation on it must fail with <see cref="StoreUnavailableException"/>.
    /// </summary>
    protected abstract Task<ITrustPolicyStore> OpenUnavailableStoreAsync();

    public async Task InitializeAsync()
    {
        (Accounts, Policies) = await CreateStoresAsync();
        await Accounts.InitializeAsync(Ct);
        await Policies.InitializeAsync(Ct);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected async Task<ServiceAccount> NewAccountAsync()
    {
        var account = Samples.Account();
        await Accounts.CreateAccountAsync(account, Ct);
        return account;
    }

    protected static TrustPolicy Policy(string accountId, string issuer = GitHub, int secondsAfterT0 = 0) => new()
    {
        Id = TrustPolicyRules.NewId(),
        AccountId = accountId,
        Issuer = issuer,
        Audience = "https://gateway.example",
        Conditions = new Dictionary<string, string> { ["repository"] = "acme/app", ["ref"] = "refs/heads/*" },
        AllowedCidrs = ["10.0.0.0/8"],
        MaxTokenLifetime = TimeSpan.FromMinutes(5),
        Description = "deploys",
        CreatedAt = Samples.T0.AddSeconds(secondsAfterT0),
    };

    [Fact]
    public async Task UnavailableStorage_ReadsAndWrites_ThrowStoreUnavailableWithTheCause()
    {
        var store = await OpenUnavailableStoreAsync();
        var policy = Policy(Samples.Account().Id);

        Func<Task>[] operations =
        [
            () => store.CreateAsync(policy, 20, Ct),
            () => store.GetAsync(policy.Id, Ct),
            () => store.ListByAccountAsync(policy.AccountId, Ct),
            () => store.ListByIssuerAsync(GitHub, Ct),
            () => store.DeleteAsync(policy.AccountId, policy.Id, Ct),
            () => store.DeleteAccountAsync(policy.AccountId, Ct),
        ];
        foreach (var operation in operations)
        {
            var ex = await Assert.ThrowsAsync<StoreUnavailableException>(operation);
            Assert.NotNull(ex.InnerException);
        }
    }

    [Fact]
    public async Task Create_ThenGet_ReturnsEveryField()
    {
        var account = await NewAccountAsync();
        var policy = Policy(account.Id);

        Assert.Equal(TrustPolicyCreateResult.Created, await Policies.CreateAsync(policy, 20, Ct));

        var stored = await Policies.GetAsync(policy.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(policy.Id, stored.Id);
        Assert.Equal(policy.AccountId, stored.AccountId);
        Assert.Equal(policy.Issuer, stored.Issuer);
        Assert.Equal(policy.Audience, stored.Audience);
        Assert.Equal(policy.Conditions.OrderBy(c => c.Key), stored.Conditions.OrderBy(c => c.Key));
        Assert.Equal(policy.AllowedCidrs, stored.AllowedCidrs);
        Assert.Equal(policy.MaxTokenLifetime, stored.MaxTokenLifetime);
        Assert.Equal(policy.Description, stored.Description);
        Assert.Equal(policy.CreatedAt, stored.CreatedAt);
    }

    [Fact]
    public async Task Get_Unknown_IsNull()
    {
        Assert.Null(await Policies.GetAsync(TrustPolicyRules.NewId(), Ct));
    }

    [Fact]
    public async Task Create_UnknownAccount_StoresNothing()
    {
        var policy = Policy(IdGenerator.NewAccountId());

        Assert.Equal(TrustPolicyCreateResult.AccountNotFound, await Policies.CreateAsync(policy, 20, Ct));
        Assert.Null(await Policies.GetAsync(policy.Id, Ct));
        Assert.Empty(await Policies.ListByIssuerAsync(GitHub, Ct));
    }

    [Fact]
    public async Task Create_AtTheLimit_StoresNothing()
    {
        var account = await NewAccountAsync();
        Assert.Equal(TrustPolicyCreateResult.Created, await Policies.CreateAsync(Policy(account.Id), 2, Ct));
        Assert.Equal(TrustPolicyCreateResult.Created, await Policies.CreateAsync(Policy(account.Id, secondsAfterT0: 1), 2, Ct));
        var third = Policy(account.Id, secondsAfterT0: 2);

        Assert.Equal(TrustPolicyCreateResult.LimitReached, await Policies.CreateAsync(third, 2, Ct));
        Assert.Null(await Policies.GetAsync(third.Id, Ct));
        Assert.Equal(2, (await Policies.ListByAccountAsync(account.Id, Ct)).Count);
    }

    [Fact]
    public async Task ListByAccount_OldestFirst_OnlyThatAccount()
    {
        var account = await NewAccountAsync();
        var other = await NewAccountAsync();
        var later = Policy(account.Id, secondsAfterT0: 5);
        var earlier = Policy(account.Id, secondsAfterT0: 1);
        await Policies.CreateAsync(later, 20, Ct);
        await Policies.CreateAsync(earlier, 20, Ct);
        await Policies.CreateAsync(Policy(other.Id), 20, Ct);

        var listed = await Policies.ListByAccountAsync(account.Id, Ct);

        Assert.Equal([earlier.Id, later.Id], listed.Select(p => p.Id));
    }

    [Fact]
    public async Task ListByIssuer_AcrossAccounts_OnlyThatIssuer()
    {
        var first = await NewAccountAsync();
        var second = await NewAccountAsync();
        var a = Policy(first.Id);
        var b = Policy(second.Id, secondsAfterT0: 1);
        var gitlab = Policy(second.Id, GitLab);
        await Policies.CreateAsync(a, 20, Ct);
        await Policies.CreateAsync(b, 20, Ct);
        await Policies.CreateAsync(gitlab, 20, Ct);

        Assert.Equal([a.Id, b.Id], (await Policies.ListByIssuerAsync(GitHub, Ct)).Select(p => p.Id));
        Assert.Equal([gitlab.Id], (await Policies.ListByIssuerAsync(GitLab, Ct)).Select(p => p.Id));
        Assert.Empty(await Policies.ListByIssuerAsync("https://elsewhere.example", Ct));
    }

    [Fact]
    public async Task Delete_RemovesItEverywhere()
    {
        var account = await NewAccountAsync();
        var policy = Policy(account.Id);
        await Policies.CreateAsync(policy, 20, Ct);

        Assert.True(await Policies.DeleteAsync(account.Id, policy.Id, Ct));

        Assert.Null(await Policies.GetAsync(policy.Id, Ct));
        Assert.Empty(await Policies.ListByAccountAsync(account.Id, Ct));
        Assert.Empty(await Policies.ListByIssuerAsync(GitHub, Ct));
        Assert.False(await Policies.DeleteAsync(account.Id, policy.Id, Ct));
    }

    [Fact]
    public async Task Delete_UnderAnotherAccount_KeepsIt()
    {
        var owner = await NewAccountAsync();
        var other = await NewAccountAsync();
        var policy = Policy(owner.Id);
        await Policies.CreateAsync(policy, 20, Ct);

        Assert.False(await Policies.DeleteAsync(other.Id, policy.Id, Ct));
        Assert.NotNull(await Policies.GetAsync(policy.Id, Ct));
    }

    [Fact]
    public async Task DeleteAccount_RemovesEveryPolicyOfTheAccountOnly()
    {
        var account = await NewAccountAsync();
        var other = await NewAccountAsync();
        var first = Policy(account.Id);
        var second = Policy(account.Id, GitLab, 1);
        var kept = Policy(other.Id);
        await Policies.CreateAsync(first, 20, Ct);
        await Policies.CreateAsync(second, 20, Ct);
        await Policies.CreateAsync(kept, 20, Ct);

        Assert.Equal(2, await Policies.DeleteAccountAsync(account.Id, Ct));

        Assert.Null(await Policies.GetAsync(first.Id, Ct));
        Assert.Null(await Policies.GetAsync(second.Id, Ct));
        Assert.Equal([kept.Id], (await Policies.ListByIssuerAsync(GitHub, Ct)).Select(p => p.Id));
        Assert.Empty(await Policies.ListByIssuerAsync(GitLab, Ct));
    }
}
