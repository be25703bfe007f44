using Gateway.Accounts;
using Gateway.Errors;
using Gateway.Tests.TestSupport;

namespace Gateway.Tests.Accounts;

/// <summary>
/// The behaviour every <see cref="IAccountStore"/> must show (both storage modes pass one contract suite; docs/OPERATIONS.md).
/// A concrete class supplies the store; xUnit creates one instance per test, so each test gets fresh storage.
/// Only the interface is used here: nothing in this class may depend on a particular implementation.
/// </summary>
public abstract class AccountStoreContract : IAsyncLifetime
{
    /// <summary>Start of time for the records of these tests; millisecond precision, as the stores keep.</summary>
    protected static readonly DateTimeOffset T0 = Samples.T0;

    private IAccountStore? _store;

    /// <summary>The store under test, initialised.</summary>
    protected IAccountStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>
    /// A new, not yet initialised store over fresh, empty storage that no other test shares. Called once per test.
    /// </summary>
    protected abstract Task<IAccountStore> CreateStoreAsync();

    /// <summary>
    /// A second, independent store instance over the same storage as the one <see cref="CreateStoreAsync"/> returned,
    /// as a restarted gateway would open it (not initialised). Used to prove durability.
    /// </summary>
    protected abstract Task<IAccountStore> ReopenStoreAsync();

    /// <summary>
    /// A store whose storage really cannot answer (no fake): a database path that is a directory, a Redis port that
    /// nothing listens on. Every operation on it must fail with <see cref="StoreUnavailableException"/>.
    /// </summary>
    protected abstract Task<IAccountStore> OpenUnavailableStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(Ct);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    // ---------------------------------------------------------------- failure contract

    [Fact]
    public async Task UnavailableStorage_ReadsAndWrites_ThrowStoreUnavailableWithTheCause()
    {
        var store = await OpenUnavailableStoreAsync();
        var account = Samples.Account();

        Func<Task>[] operations =
        [
            () => store.PingAsync(Ct),
            () => store.GetAccountAsync(account.Id, Ct),
            () => store.FindCredentialAsync("key_missing", Ct),
            () => store.ListAccountsAsync(new AccountQuery(), Ct),
            () => store.CreateAccountAsync(account, Ct),
            () => store.CreateAccountWithKeyAsync(account, Samples.Key(account.Id), Ct),
            () => store.UpdateAccountAsync(account, Ct),
            () => store.RevokeKeyAsync("key_missing", T0, Ct),
            () => store.UpdateKeyAsync("key_missing", null, null, null, Ct),
        ];
        foreach (var operation in operations)
        {
            var ex = await Assert.ThrowsAsync<StoreUnavailableException>(operation);
            Assert.NotNull(ex.InnerException);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    [Fact]
    public async Task Initialize_Twice_IsHarmlessAndKeepsData()
    {
        var account = await CreateAccountAsync();

        await Store.InitializeAsync(Ct);

        AssertSameAccount(account, await Store.GetAccountAsync(account.Id, Ct));
        Assert.False(await Store.IsEmptyAsync(Ct));
    }

    [Fact]
    public async Task Ping_InitializedStore_Completes()
    {
        var error = await Record.ExceptionAsync(() => Store.PingAsync(Ct));

        Assert.Null(error);
    }

    [Fact]
    public async Task IsEmpty_NewStore_ReturnsTrue()
    {
        Assert.True(await Store.IsEmptyAsync(Ct));
    }

    [Fact]
    public async Task IsEmpty_AfterCreatingAnAccount_ReturnsFalse()
    {
        await CreateAccountAsync();

        Assert.False(await Store.IsEmptyAsync(Ct));
    }

    [Fact]
    public async Task IsEmpty_AfterDeletingTheOnlyAccount_ReturnsTrue()
    {
        var account = await CreateAccountAsync();

        await Store.DeleteAccountAsync(account.Id, Ct);

        Assert.True(await Store.IsEmptyAsync(Ct));
    }

    // ---------------------------------------------------------------- accounts

    [Fact]
    public async Task CreateAccount_ThenGet_ReturnsEveryField()
    {
        var account = Samples.Account(
            name: "deploy-bot",
            orgId: "acme",
            projectId: "payments",
            status: AccountStatus.Disabled,
            createdAt: T0.AddMilliseconds(123),
            roles: ["reader", "executor"],
            allowedCidrs: ["10.0.0.0/8", "2001:db8::/32", "192.168.1.7/32"],
            description: "Deploys payments; owner: team-x") with
        {
            UpdatedAt = T0.AddMilliseconds(456),
        };

        await Store.CreateAccountAsync(account, Ct);

        AssertSameAccount(account, await Store.GetAccountAsync(account.Id, Ct));
    }

    [Fact]
    public async Task CreateAccount_OptionalFieldsUnset_RoundTripAsNullAndEmpty()
    {
        var account = Samples.Account(projectId: null, description: null, roles: [], allowedCidrs: []);

        await Store.CreateAccountAsync(account, Ct);

        var stored = await Store.GetAccountAsync(account.Id, Ct);
        Assert.NotNull(stored);
        Assert.Null(stored.ProjectId);
        Assert.Null(stored.Description);
        Assert.Empty(stored.Roles);
        Assert.Empty(stored.AllowedCidrs);
    }

    [Fact]
    public async Task CreateAccount_DescriptionWithUnicodeAndQuotes_RoundTrips()
    {
        var account = Samples.Account(description: "Zürich \"build\" 'bot' — 日本 ; DROP TABLE accounts; --");

        await Store.CreateAccountAsync(account, Ct);

        Assert.Equal(account.Description, (await Store.GetAccountAsync(account.Id, Ct))?.Description);
    }

    [Fact]
    public async Task GetAccount_Unknown_ReturnsNull()
    {
        await CreateAccountAsync();

        Assert.Null(await Store.GetAccountAsync(IdGenerator.NewAccountId(), Ct));
    }

    [Fact]
    public async Task CreateAccount_DuplicateNameInSameOrg_ThrowsDuplicateNameException()
    {
        var first = await CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"));
        var second = Samples.Account(name: "ci", orgId: "acme");

        var ex = await Assert.ThrowsAsync<DuplicateNameException>(() => Store.CreateAccountAsync(second, Ct));

        Assert.Equal("acme", ex.OrgId);
        Assert.Equal("ci", ex.Name);
        Assert.Null(await Store.GetAccountAsync(second.Id, Ct));
        AssertSameAccount(first, await Store.FindAccountByNameAsync("acme", "ci", Ct));
    }

    [Fact]
    public async Task CreateAccount_DuplicateNameInSameOrgDifferentProject_Throws()
    {
        await CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme", projectId: "one"));

        await Assert.ThrowsAsync<DuplicateNameException>(() =>
            Store.CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme", projectId: "two"), Ct));
    }

    [Fact]
    public async Task CreateAccount_SameNameInAnotherOrg_Succeeds()
    {
        var acme = await CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"));
        var globex = await CreateAccountAsync(Samples.Account(name: "ci", orgId: "globex"));

        AssertSameAccount(acme, await Store.GetAccountAsync(acme.Id, Ct));
        AssertSameAccount(globex, await Store.GetAccountAsync(globex.Id, Ct));
    }

    [Fact]
    public async Task FindAccountByName_Existing_ReturnsIt()
    {
        await CreateAccountAsync(Samples.Account(name: "other", orgId: "acme"));
        var account = await CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"));

        AssertSameAccount(account, await Store.FindAccountByNameAsync("acme", "ci", Ct));
    }

    [Fact]
    public async Task FindAccountByName_SameNameInTwoOrgs_ReturnsTheOneOfTheOrg()
    {
        var acme = await CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"));
        var globex = await CreateAccountAsync(Samples.Account(name: "ci", orgId: "globex"));

        Assert.Equal(acme.Id, (await Store.FindAccountByNameAsync("acme", "ci", Ct))?.Id);
        Assert.Equal(globex.Id, (await Store.FindAccountByNameAsync("globex", "ci", Ct))?.Id);
    }

    [Fact]
    public async Task FindAccountByName_WrongOrgOrUnknownName_ReturnsNull()
    {
        await CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"));

        Assert.Null(await Store.FindAccountByNameAsync("globex", "ci", Ct));
        Assert.Null(await Store.FindAccountByNameAsync("acme", "cd", Ct));
    }

    [Fact]
    public async Task UpdateAccount_ReplacesMutableFields()
    {
        var account = await CreateAccountAsync(Samples.Account(
            description: "old", roles: ["reader"], allowedCidrs: ["10.0.0.0/8"]));
        var changed = account with
        {
            Description = "new",
            Roles = ["editor", "admin"],
            AllowedCidrs = ["192.168.0.0/16", "::1/128"],
            Status = AccountStatus.Disabled,
            UpdatedAt = T0.AddMinutes(5),
        };

        Assert.True(await Store.UpdateAccountAsync(changed, Ct));

        AssertSameAccount(changed, await Store.GetAccountAsync(account.Id, Ct));
    }

    [Fact]
    public async Task UpdateAccount_NullDescriptionAndEmptyLists_Clear()
    {
        var account = await CreateAccountAsync(Samples.Account(
            description: "old", roles: ["reader"], allowedCidrs: ["10.0.0.0/8"]));

        Assert.True(await Store.UpdateAccountAsync(account with { Description = null, Roles = [], AllowedCidrs = [] }, Ct));

        var stored = await Store.GetAccountAsync(account.Id, Ct);
        Assert.NotNull(stored);
        Assert.Null(stored.Description);
        Assert.Empty(stored.Roles);
        Assert.Empty(stored.AllowedCidrs);
    }

    [Fact]
    public async Task UpdateAccount_StatusBackToActive_IsStored()
    {
        var account = await CreateAccountAsync(Samples.Account(status: AccountStatus.Disabled));

        await Store.UpdateAccountAsync(account with { Status = AccountStatus.Active }, Ct);

        Assert.Equal(AccountStatus.Active, (await Store.GetAccountAsync(account.Id, Ct))?.Status);
    }

    [Fact]
    public async Task UpdateAccount_DoesNotChangeImmutableFields()
    {
        var account = await CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme", projectId: "one"));
        var attempted = account with
        {
            Name = "renamed",
            OrgId = "globex",
            ProjectId = "two",
            CreatedAt = T0.AddDays(-1),
            Description = "changed",
        };

        Assert.True(await Store.UpdateAccountAsync(attempted, Ct));

        var stored = await Store.GetAccountAsync(account.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal("ci", stored.Name);
        Assert.Equal("acme", stored.OrgId);
        Assert.Equal("one", stored.ProjectId);
        Assert.Equal(account.CreatedAt, stored.CreatedAt);
        Assert.Equal("changed", stored.Description);
        Assert.NotNull(await Store.FindAccountByNameAsync("acme", "ci", Ct));
    }

    [Fact]
    public async Task UpdateAccount_Unknown_ReturnsFalseAndCreatesNothing()
    {
        var ghost = Samples.Account();

        Assert.False(await Store.UpdateAccountAsync(ghost, Ct));

        Assert.Null(await Store.GetAccountAsync(ghost.Id, Ct));
        Assert.True(await Store.IsEmptyAsync(Ct));
    }

    [Fact]
    public async Task UpdateAccount_LeavesOtherAccountsAlone()
    {
        var target = await CreateAccountAsync();
        var bystander = await CreateAccountAsync();

        await Store.UpdateAccountAsync(target with { Description = "changed", Status = AccountStatus.Disabled }, Ct);

        AssertSameAccount(bystander, await Store.GetAccountAsync(bystander.Id, Ct));
    }

    [Fact]
    public async Task DeleteAccount_RemovesAccountAndCascadesToKeys()
    {
        var account = await CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"));
        var live = Samples.Key(account.Id, createdAt: T0);
        var revoked = Samples.Key(account.Id, createdAt: T0.AddSeconds(1), revokedAt: T0.AddSeconds(2));
        await Store.CreateKeyAsync(live, Ct);
        await Store.CreateKeyAsync(revoked, Ct);

        Assert.True(await Store.DeleteAccountAsync(account.Id, Ct));

        Assert.Null(await Store.GetAccountAsync(account.Id, Ct));
        Assert.Null(await Store.FindAccountByNameAsync("acme", "ci", Ct));
        Assert.Null(await Store.GetKeyAsync(live.Id, Ct));
        Assert.Null(await Store.GetKeyAsync(revoked.Id, Ct));
        Assert.Null(await Store.FindCredentialAsync(live.Id, Ct));
        Assert.Null(await Store.FindCredentialAsync(revoked.Id, Ct));
        Assert.Empty(await Store.ListKeysAsync(account.Id, Ct));
    }

    [Fact]
    public async Task DeleteAccount_LeavesOtherAccountsAndTheirKeys()
    {
        var doomed = await CreateAccountAsync();
        var survivor = await CreateAccountAsync();
        await Store.CreateKeyAsync(Samples.Key(doomed.Id), Ct);
        var survivorKey = Samples.Key(survivor.Id);
        await Store.CreateKeyAsync(survivorKey, Ct);

        await Store.DeleteAccountAsync(doomed.Id, Ct);

        AssertSameAccount(survivor, await Store.GetAccountAsync(survivor.Id, Ct));
        AssertSameKey(survivorKey, await Store.GetKeyAsync(survivorKey.Id, Ct));
        Assert.NotNull(await Store.FindCredentialAsync(survivorKey.Id, Ct));
    }

    [Fact]
    public async Task DeleteAccount_Unknown_ReturnsFalse()
    {
        var bystander = await CreateAccountAsync();

        Assert.False(await Store.DeleteAccountAsync(IdGenerator.NewAccountId(), Ct));

        Assert.NotNull(await Store.GetAccountAsync(bystander.Id, Ct));
    }

    [Fact]
    public async Task DeleteAccount_Twice_SecondReturnsFalse()
    {
        var account = await CreateAccountAsync();

        Assert.True(await Store.DeleteAccountAsync(account.Id, Ct));
        Assert.False(await Store.DeleteAccountAsync(account.Id, Ct));
    }

    [Fact]
    public async Task DeleteAccount_FreesTheNameForReuse()
    {
        var account = await CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"));
        await Store.DeleteAccountAsync(account.Id, Ct);

        var again = await CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"));

        Assert.Equal(again.Id, (await Store.FindAccountByNameAsync("acme", "ci", Ct))?.Id);
    }

    // ---------------------------------------------------------------- listing

    [Fact]
    public async Task ListAccounts_EmptyStore_ReturnsEmptyLastPage()
    {
        var page = await Store.ListAccountsAsync(new AccountQuery(), Ct);

        Assert.Empty(page.Items);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task ListAccounts_OrdersByCreatedAtThenId()
    {
        var created = new List<ServiceAccount>();
        // Inserted out of order, with several accounts sharing a creation instant.
        foreach (var offset in new[] { 5, 1, 3, 1, 5, 0, 3, 1 })
        {
            created.Add(await CreateAccountAsync(Samples.Account(createdAt: T0.AddMilliseconds(offset))));
        }

        var page = await Store.ListAccountsAsync(new AccountQuery { Limit = 100 }, Ct);

        Assert.Equal(Ids(Ordered(created)), Ids(page.Items));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task ListAccounts_ItemsCarryEveryField()
    {
        var account = await CreateAccountAsync(Samples.Account(
            projectId: "p1", description: "d", roles: ["reader", "executor"], allowedCidrs: ["10.0.0.0/8"],
            status: AccountStatus.Disabled));

        var page = await Store.ListAccountsAsync(new AccountQuery(), Ct);

        AssertSameAccount(account, Assert.Single(page.Items));
    }

    [Fact]
    public async Task ListAccounts_FilterByOrg_ReturnsOnlyThatOrg()
    {
        var acme1 = await CreateAccountAsync(Samples.Account(orgId: "acme", createdAt: T0));
        await CreateAccountAsync(Samples.Account(orgId: "globex", createdAt: T0.AddMilliseconds(1)));
        var acme2 = await CreateAccountAsync(Samples.Account(orgId: "acme", projectId: "p", createdAt: T0.AddMilliseconds(2)));

        var page = await Store.ListAccountsAsync(new AccountQuery { OrgId = "acme" }, Ct);

        Assert.Equal([acme1.Id, acme2.Id], Ids(page.Items));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task ListAccounts_FilterByProject_ReturnsOnlyThatProject()
    {
        await CreateAccountAsync(Samples.Account(orgId: "acme", projectId: null, createdAt: T0));
        var p1 = await CreateAccountAsync(Samples.Account(orgId: "acme", projectId: "p1", createdAt: T0.AddMilliseconds(1)));
        await CreateAccountAsync(Samples.Account(orgId: "acme", projectId: "p2", createdAt: T0.AddMilliseconds(2)));

        var page = await Store.ListAccountsAsync(new AccountQuery { ProjectId = "p1" }, Ct);

        Assert.Equal([p1.Id], Ids(page.Items));
    }

    [Fact]
    public async Task ListAccounts_FilterByStatus_ReturnsOnlyThatStatus()
    {
        var active = await CreateAccountAsync(Samples.Account(status: AccountStatus.Active, createdAt: T0));
        var disabled = await CreateAccountAsync(Samples.Account(status: AccountStatus.Disabled, createdAt: T0.AddMilliseconds(1)));

        var onlyDisabled = await Store.ListAccountsAsync(new AccountQuery { Status = AccountStatus.Disabled }, Ct);
        var onlyActive = await Store.ListAccountsAsync(new AccountQuery { Status = AccountStatus.Active }, Ct);

        Assert.Equal([disabled.Id], Ids(onlyDisabled.Items));
        Assert.Equal([active.Id], Ids(onlyActive.Items));
    }

    [Fact]
    public async Task ListAccounts_FilterByStatus_SeesUpdates()
    {
        var account = await CreateAccountAsync(Samples.Account(status: AccountStatus.Active));
        await Store.UpdateAccountAsync(account with { Status = AccountStatus.Disabled }, Ct);

        var active = await Store.ListAccountsAsync(new AccountQuery { Status = AccountStatus.Active }, Ct);
        var disabled = await Store.ListAccountsAsync(new AccountQuery { Status = AccountStatus.Disabled }, Ct);

        Assert.Empty(active.Items);
        Assert.Equal([account.Id], Ids(disabled.Items));
    }

    [Fact]
    public async Task ListAccounts_CombinedFilters_AllApply()
    {
        var match = await CreateAccountAsync(Samples.Account(orgId: "acme", projectId: "p1", status: AccountStatus.Disabled));
        await CreateAccountAsync(Samples.Account(orgId: "acme", projectId: "p1", status: AccountStatus.Active));
        await CreateAccountAsync(Samples.Account(orgId: "acme", projectId: "p2", status: AccountStatus.Disabled));
        await CreateAccountAsync(Samples.Account(orgId: "globex", projectId: "p1", status: AccountStatus.Disabled));

        var page = await Store.ListAccountsAsync(
            new AccountQuery { OrgId = "acme", ProjectId = "p1", Status = AccountStatus.Disabled }, Ct);

        Assert.Equal([match.Id], Ids(page.Items));
    }

    [Fact]
    public async Task ListAccounts_FilterMatchesNothing_ReturnsEmptyLastPage()
    {
        await CreateAccountAsync(Samples.Account(orgId: "acme"));

        var page = await Store.ListAccountsAsync(new AccountQuery { OrgId = "nobody" }, Ct);

        Assert.Empty(page.Items);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task ListAccounts_PagingAcrossSeveralPages_NoDuplicatesNoGapsInOrder()
    {
        var created = new List<ServiceAccount>();
        for (var i = 0; i < 23; i++)
        {
            // Groups of three share an instant, so pages split inside a group of equal timestamps.
            created.Add(await CreateAccountAsync(Samples.Account(createdAt: T0.AddMilliseconds(i / 3))));
        }

        var pages = await ReadAllPagesAsync(new AccountQuery { Limit = 5 });

        Assert.Equal([5, 5, 5, 5, 3], pages.Select(p => p.Items.Count));
        Assert.All(pages.SkipLast(1), p => Assert.NotNull(p.Next));
        Assert.Null(pages[^1].Next);
        Assert.Equal(Ids(Ordered(created)), pages.SelectMany(p => Ids(p.Items)));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-3, 1)]
    [InlineData(AccountDefaults.MaxPageSize + 50, 3)]
    public async Task ListAccounts_LimitOutOfRange_IsClampedToOneToMaxPageSize(int limit, int expectedCount)
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateAccountAsync(Samples.Account(createdAt: T0.AddMilliseconds(i)));
        }

        var page = await Store.ListAccountsAsync(new AccountQuery { Limit = limit }, Ct);

        Assert.Equal(expectedCount, page.Items.Count);
        Assert.Equal(expectedCount < 3, page.Next is not null);
    }

    [Fact]
    public async Task ListAccounts_CountIsExactMultipleOfLimit_LastFullPageHasNoCursor()
    {
        for (var i = 0; i < 10; i++)
        {
            await CreateAccountAsync(Samples.Account(createdAt: T0.AddMilliseconds(i)));
        }

        var pages = await ReadAllPagesAsync(new AccountQuery { Limit = 5 });

        Assert.Equal(2, pages.Count);
        Assert.Equal(5, pages[1].Items.Count);
        Assert.Null(pages[1].Next);
    }

    [Fact]
    public async Task ListAccounts_CursorPointsAtLastItemOfPage()
    {
        for (var i = 0; i < 4; i++)
        {
            await CreateAccountAsync(Samples.Account(createdAt: T0.AddMilliseconds(i)));
        }

        var page = await Store.ListAccountsAsync(new AccountQuery { Limit = 3 }, Ct);

        Assert.NotNull(page.Next);
        Assert.Equal(page.Items[^1].Id, page.Next.Id);
        Assert.Equal(page.Items[^1].CreatedAt.ToUnixTimeMilliseconds(), page.Next.CreatedAtMs);
    }

    [Fact]
    public async Task ListAccounts_AllAccountsSameInstant_PagesByIdWithoutGaps()
    {
        var created = new List<ServiceAccount>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await CreateAccountAsync(Samples.Account(createdAt: T0)));
        }

        var pages = await ReadAllPagesAsync(new AccountQuery { Limit = 2 });

        Assert.Equal(4, pages.Count);
        Assert.Equal(Ids(Ordered(created)), pages.SelectMany(p => Ids(p.Items)));
    }

    [Fact]
    public async Task ListAccounts_PagingWithFilter_FiltersEveryPage()
    {
        var acme = new List<ServiceAccount>();
        for (var i = 0; i < 12; i++)
        {
            var account = await CreateAccountAsync(Samples.Account(
                orgId: i % 2 == 0 ? "acme" : "globex", createdAt: T0.AddMilliseconds(i)));
            if (account.OrgId == "acme")
            {
                acme.Add(account);
            }
        }

        var pages = await ReadAllPagesAsync(new AccountQuery { OrgId = "acme", Limit = 4 });

        Assert.Equal([4, 2], pages.Select(p => p.Items.Count));
        Assert.Equal(Ids(Ordered(acme)), pages.SelectMany(p => Ids(p.Items)));
    }

    [Fact]
    public async Task ListAccounts_CursorThroughItsOpaqueForm_ContinuesWhereItStopped()
    {
        var created = new List<ServiceAccount>();
        for (var i = 0; i < 6; i++)
        {
            created.Add(await CreateAccountAsync(Samples.Account(createdAt: T0.AddMilliseconds(i % 2))));
        }

        var first = await Store.ListAccountsAsync(new AccountQuery { Limit = 4 }, Ct);
        Assert.NotNull(first.Next);
        Assert.True(AccountCursor.TryDecode(first.Next.Encode(), out var decoded));
        var second = await Store.ListAccountsAsync(new AccountQuery { Limit = 4, After = decoded }, Ct);

        Assert.Equal(Ids(Ordered(created)), Ids(first.Items).Concat(Ids(second.Items)));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task ListAccounts_AccountCreatedAfterCursor_AppearsOnLaterPage()
    {
        var created = new List<ServiceAccount>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await CreateAccountAsync(Samples.Account(createdAt: T0.AddMilliseconds(i))));
        }

        var first = await Store.ListAccountsAsync(new AccountQuery { Limit = 2 }, Ct);
        created.Add(await CreateAccountAsync(Samples.Account(createdAt: T0.AddMilliseconds(10))));
        var second = await Store.ListAccountsAsync(new AccountQuery { Limit = 2, After = first.Next }, Ct);

        Assert.Equal(Ids(Ordered(created)), Ids(first.Items).Concat(Ids(second.Items)));
    }

    [Fact]
    public async Task ListAccounts_LimitOne_WalksEveryAccount()
    {
        var created = new List<ServiceAccount>();
        for (var i = 0; i < 4; i++)
        {
            created.Add(await CreateAccountAsync(Samples.Account(createdAt: T0.AddMilliseconds(3 - i))));
        }

        var pages = await ReadAllPagesAsync(new AccountQuery { Limit = 1 });

        Assert.Equal(4, pages.Count);
        Assert.Equal(Ids(Ordered(created)), pages.SelectMany(p => Ids(p.Items)));
    }

    // ---------------------------------------------------------------- keys

    [Fact]
    public async Task CreateKey_ThenGet_ReturnsEveryField()
    {
        var account = await CreateAccountAsync();
        var key = Samples.Key(
            account.Id,
            createdAt: T0.AddMilliseconds(7),
            expiresAt: T0.AddDays(90).AddMilliseconds(3),
            lastUsedAt: T0.AddHours(1),
            description: "deploy key",
            allowedCidrs: ["10.1.0.0/16", "2001:db8::1/128"]);

        await Store.CreateKeyAsync(key, Ct);

        AssertSameKey(key, await Store.GetKeyAsync(key.Id, Ct));
    }

    [Fact]
    public async Task CreateKey_HmacKindWithEncryptedSecret_RoundTrips()
    {
        var account = await CreateAccountAsync();
        var key = Samples.Key(account.Id, kind: KeyKind.Hmac);

        await Store.CreateKeyAsync(key, Ct);

        var stored = await Store.GetKeyAsync(key.Id, Ct);
        AssertSameKey(key, stored);
        Assert.Equal(KeyKind.Hmac, stored!.Kind);
        Assert.Empty(stored.SecretHash);
        Assert.Equal(key.EncryptedSecret, stored.EncryptedSecret);
    }

    [Fact]
    public async Task CreateKey_OptionalFieldsUnset_RoundTripAsNull()
    {
        var account = await CreateAccountAsync();
        var key = Samples.Key(account.Id);

        await Store.CreateKeyAsync(key, Ct);

        var stored = await Store.GetKeyAsync(key.Id, Ct);
        Assert.NotNull(stored);
        Assert.Null(stored.Description);
        Assert.Null(stored.ExpiresAt);
        Assert.Null(stored.LastUsedAt);
        Assert.Null(stored.RevokedAt);
        Assert.Empty(stored.AllowedCidrs);
        Assert.Empty(stored.EncryptedSecret);
    }

    [Fact]
    public async Task GetKey_Unknown_ReturnsNull()
    {
        var account = await CreateAccountAsync();
        await Store.CreateKeyAsync(Samples.Key(account.Id), Ct);

        Assert.Null(await Store.GetKeyAsync(IdGenerator.NewKeyId(), Ct));
    }

    [Fact]
    public async Task ListKeys_ReturnsTheAccountsKeysOldestFirstIncludingRevoked()
    {
        var account = await CreateAccountAsync();
        var other = await CreateAccountAsync();
        var middle = Samples.Key(account.Id, createdAt: T0.AddMinutes(2), revokedAt: T0.AddMinutes(3));
        var newest = Samples.Key(account.Id, createdAt: T0.AddMinutes(5));
        var oldest = Samples.Key(account.Id, createdAt: T0.AddMinutes(1));
        await Store.CreateKeyAsync(middle, Ct);
        await Store.CreateKeyAsync(Samples.Key(other.Id, createdAt: T0), Ct);
        await Store.CreateKeyAsync(newest, Ct);
        await Store.CreateKeyAsync(oldest, Ct);

        var keys = await Store.ListKeysAsync(account.Id, Ct);

        Assert.Equal([oldest.Id, middle.Id, newest.Id], keys.Select(k => k.Id));
        AssertSameKey(middle, keys[1]);
    }

    [Fact]
    public async Task ListKeys_AccountWithoutKeysOrUnknown_ReturnsEmpty()
    {
        var account = await CreateAccountAsync();

        Assert.Empty(await Store.ListKeysAsync(account.Id, Ct));
        Assert.Empty(await Store.ListKeysAsync(IdGenerator.NewAccountId(), Ct));
    }

    [Fact]
    public async Task RevokeKey_Live_SetsRevokedAtAndReturnsTrue()
    {
        var account = await CreateAccountAsync();
        var key = Samples.Key(account.Id);
        await Store.CreateKeyAsync(key, Ct);

        Assert.True(await Store.RevokeKeyAsync(key.Id, T0.AddHours(1), Ct));

        var stored = await Store.GetKeyAsync(key.Id, Ct);
        Assert.Equal(T0.AddHours(1), stored?.RevokedAt);
        Assert.Equal(KeyStatus.Revoked, stored!.StatusAt(T0.AddHours(2)));
        AssertSameKey(key with { RevokedAt = T0.AddHours(1) }, stored);
    }

    [Fact]
    public async Task RevokeKey_Twice_IsIdempotentAndKeepsFirstRevokedAt()
    {
        var account = await CreateAccountAsync();
        var key = Samples.Key(account.Id);
        await Store.CreateKeyAsync(key, Ct);

        Assert.True(await Store.RevokeKeyAsync(key.Id, T0.AddHours(1), Ct));
        Assert.True(await Store.RevokeKeyAsync(key.Id, T0.AddHours(2), Ct));

        Assert.Equal(T0.AddHours(1), (await Store.GetKeyAsync(key.Id, Ct))?.RevokedAt);
    }

    [Fact]
    public async Task UpdateKey_ReplacesDescriptionAndLimits_LeavesTheRest()
    {
        var account = await CreateAccountAsync();
        var key = Samples.Key(account.Id);
        await Store.CreateKeyAsync(key, Ct);
        var rate = new RateLimit { RequestsPerSecond = 5, Burst = 10 };
        var quota = new Quota { PerDay = 1000 };

        Assert.True(await Store.UpdateKeyAsync(key.Id, "ci deploys", rate, quota, Ct));

        var stored = await Store.GetKeyAsync(key.Id, Ct);
        AssertSameKey(key with { Description = "ci deploys", RateLimit = rate, Quota = quota }, stored!);
        Assert.Equal(rate, stored!.RateLimit);
        Assert.Equal(quota, stored.Quota);
        Assert.Equal(rate, (await Store.FindCredentialAsync(key.Id, Ct))?.Key.RateLimit);
    }

    [Fact]
    public async Task UpdateKey_WithNulls_RemovesDescriptionAndLimits()
    {
        var account = await CreateAccountAsync();
        var key = Samples.Key(account.Id) with
        {
            Description = "old",
            RateLimit = new RateLimit { RequestsPerMinute = 60 },
            Quota = new Quota { PerMonth = 5 },
        };
        await Store.CreateKeyAsync(key, Ct);

        Assert.True(await Store.UpdateKeyAsync(key.Id, null, null, null, Ct));

        var stored = await Store.GetKeyAsync(key.Id, Ct);
        Assert.Null(stored!.Description);
        Assert.Null(stored.RateLimit);
        Assert.Null(stored.Quota);
        AssertSameKey(key with { Description = null, RateLimit = null, Quota = null }, stored);
    }

    [Fact]
    public async Task UpdateKey_Unknown_ReturnsFalse()
    {
        Assert.False(await Store.UpdateKeyAsync(IdGenerator.NewKeyId(), "x", new RateLimit { RequestsPerSecond = 1 }, null, Ct));
    }

    [Fact]
    public async Task RevokeKey_Unknown_ReturnsFalse()
    {
        Assert.False(await Store.RevokeKeyAsync(IdGenerator.NewKeyId(), T0, Ct));
    }

    [Fact]
    public async Task RevokeKey_LeavesOtherKeysLive()
    {
        var account = await CreateAccountAsync();
        var revoked = Samples.Key(account.Id, createdAt: T0);
        var live = Samples.Key(account.Id, createdAt: T0.AddSeconds(1));
        await Store.CreateKeyAsync(revoked, Ct);
        await Store.CreateKeyAsync(live, Ct);

        await Store.RevokeKeyAsync(revoked.Id, T0.AddHours(1), Ct);

        Assert.Null((await Store.GetKeyAsync(live.Id, Ct))?.RevokedAt);
    }

    [Fact]
    public async Task ReplaceKey_LiveOld_RevokesOldAndAddsNewAtomically()
    {
        var account = await CreateAccountAsync();
        var old = Samples.Key(account.Id, createdAt: T0, description: "ci");
        await Store.CreateKeyAsync(old, Ct);
        var replacement = Samples.Key(account.Id, createdAt: T0.AddHours(1), description: "ci");

        Assert.True(await Store.ReplaceKeyAsync(old.Id, replacement, T0.AddHours(1), Ct));

        Assert.Equal(T0.AddHours(1), (await Store.GetKeyAsync(old.Id, Ct))?.RevokedAt);
        AssertSameKey(replacement, await Store.GetKeyAsync(replacement.Id, Ct));
        Assert.Equal([old.Id, replacement.Id], (await Store.ListKeysAsync(account.Id, Ct)).Select(k => k.Id));
    }

    [Fact]
    public async Task ReplaceKey_UnknownOld_ReturnsFalseAndWritesNothing()
    {
        var account = await CreateAccountAsync();
        var replacement = Samples.Key(account.Id);

        Assert.False(await Store.ReplaceKeyAsync(IdGenerator.NewKeyId(), replacement, T0.AddHours(1), Ct));

        Assert.Null(await Store.GetKeyAsync(replacement.Id, Ct));
        Assert.Empty(await Store.ListKeysAsync(account.Id, Ct));
    }

    [Fact]
    public async Task ReplaceKey_AlreadyRevokedOld_ReturnsFalseAndWritesNothing()
    {
        var account = await CreateAccountAsync();
        var old = Samples.Key(account.Id, revokedAt: T0.AddMinutes(1));
        await Store.CreateKeyAsync(old, Ct);
        var replacement = Samples.Key(account.Id);

        Assert.False(await Store.ReplaceKeyAsync(old.Id, replacement, T0.AddHours(1), Ct));

        Assert.Equal(T0.AddMinutes(1), (await Store.GetKeyAsync(old.Id, Ct))?.RevokedAt);
        Assert.Null(await Store.GetKeyAsync(replacement.Id, Ct));
        Assert.Null(await Store.FindCredentialAsync(replacement.Id, Ct));
    }

    [Fact]
    public async Task ReplaceKey_SameOldTwice_SecondFails()
    {
        var account = await CreateAccountAsync();
        var old = Samples.Key(account.Id);
        await Store.CreateKeyAsync(old, Ct);
        var first = Samples.Key(account.Id);
        var second = Samples.Key(account.Id);

        Assert.True(await Store.ReplaceKeyAsync(old.Id, first, T0.AddHours(1), Ct));
        Assert.False(await Store.ReplaceKeyAsync(old.Id, second, T0.AddHours(2), Ct));

        Assert.Equal(T0.AddHours(1), (await Store.GetKeyAsync(old.Id, Ct))?.RevokedAt);
        Assert.NotNull(await Store.GetKeyAsync(first.Id, Ct));
        Assert.Null(await Store.GetKeyAsync(second.Id, Ct));
    }

    [Fact]
    public async Task ReplaceAllKeys_RevokesEveryLiveKeyKeepsEarlierRevocationsAndAddsNew()
    {
        var account = await CreateAccountAsync();
        var other = await CreateAccountAsync();
        var live1 = Samples.Key(account.Id, createdAt: T0);
        var live2 = Samples.Key(account.Id, createdAt: T0.AddSeconds(1), expiresAt: T0.AddDays(1));
        var alreadyRevoked = Samples.Key(account.Id, createdAt: T0.AddSeconds(2), revokedAt: T0.AddMinutes(1));
        var othersKey = Samples.Key(other.Id, createdAt: T0);
        foreach (var key in new[] { live1, live2, alreadyRevoked, othersKey })
        {
            await Store.CreateKeyAsync(key, Ct);
        }

        var fresh = Samples.Key(account.Id, createdAt: T0.AddHours(1));
        await Store.ReplaceAllKeysAsync(account.Id, fresh, T0.AddHours(1), Ct);

        Assert.Equal(T0.AddHours(1), (await Store.GetKeyAsync(live1.Id, Ct))?.RevokedAt);
        Assert.Equal(T0.AddHours(1), (await Store.GetKeyAsync(live2.Id, Ct))?.RevokedAt);
        Assert.Equal(T0.AddMinutes(1), (await Store.GetKeyAsync(alreadyRevoked.Id, Ct))?.RevokedAt);
        AssertSameKey(fresh, await Store.GetKeyAsync(fresh.Id, Ct));
        Assert.Null((await Store.GetKeyAsync(othersKey.Id, Ct))?.RevokedAt);
        var keys = await Store.ListKeysAsync(account.Id, Ct);
        Assert.Equal([fresh.Id], keys.Where(k => k.RevokedAt is null).Select(k => k.Id));
        Assert.Equal(4, keys.Count);
    }

    [Fact]
    public async Task ReplaceAllKeys_AccountWithoutKeys_AddsNew()
    {
        var account = await CreateAccountAsync();
        var fresh = Samples.Key(account.Id);

        await Store.ReplaceAllKeysAsync(account.Id, fresh, T0.AddHours(1), Ct);

        AssertSameKey(fresh, Assert.Single(await Store.ListKeysAsync(account.Id, Ct)));
    }

    // ---------------------------------------------------------------- credentials

    [Fact]
    public async Task FindCredential_ReturnsKeyAndItsAccount()
    {
        var account = await CreateAccountAsync(Samples.Account(
            projectId: "p1", roles: ["executor"], allowedCidrs: ["10.0.0.0/8"], description: "x"));
        await CreateAccountAsync();
        var key = Samples.Key(account.Id, expiresAt: T0.AddDays(1), allowedCidrs: ["10.1.0.0/16"]);
        await Store.CreateKeyAsync(key, Ct);

        var credential = await Store.FindCredentialAsync(key.Id, Ct);

        Assert.NotNull(credential);
        AssertSameKey(key, credential.Key);
        AssertSameAccount(account, credential.Account);
    }

    [Fact]
    public async Task FindCredential_Unknown_ReturnsNull()
    {
        var account = await CreateAccountAsync();
        await Store.CreateKeyAsync(Samples.Key(account.Id), Ct);

        Assert.Null(await Store.FindCredentialAsync(IdGenerator.NewKeyId(), Ct));
    }

    [Fact]
    public async Task FindCredential_ReflectsRevocationAndAccountChanges()
    {
        var account = await CreateAccountAsync();
        var key = Samples.Key(account.Id);
        await Store.CreateKeyAsync(key, Ct);
        Assert.NotNull(await Store.FindCredentialAsync(key.Id, Ct));

        await Store.RevokeKeyAsync(key.Id, T0.AddMinutes(1), Ct);
        await Store.UpdateAccountAsync(account with { Status = AccountStatus.Disabled, Roles = ["admin"] }, Ct);

        var credential = await Store.FindCredentialAsync(key.Id, Ct);
        Assert.NotNull(credential);
        Assert.Equal(T0.AddMinutes(1), credential.Key.RevokedAt);
        Assert.Equal(AccountStatus.Disabled, credential.Account.Status);
        Assert.Equal(["admin"], credential.Account.Roles);
    }

    [Fact]
    public async Task CreateAccountWithKey_StoresBoth()
    {
        var account = Samples.Account(name: "runner-42");
        var key = Samples.Key(account.Id, description: "runner key");

        await Store.CreateAccountWithKeyAsync(account, key, Ct);

        AssertSameAccount(account, await Store.GetAccountAsync(account.Id, Ct));
        AssertSameKey(key, await Store.GetKeyAsync(key.Id, Ct));
        var credential = await Store.FindCredentialAsync(key.Id, Ct);
        Assert.NotNull(credential);
        Assert.Equal(account.Id, credential.Account.Id);
        Assert.False(await Store.IsEmptyAsync(Ct));
    }

    [Fact]
    public async Task CreateAccountWithKey_DuplicateName_ThrowsAndStoresNeither()
    {
        await CreateAccountAsync(Samples.Account(name: "runner-42", orgId: "acme"));
        var account = Samples.Account(name: "runner-42", orgId: "acme");
        var key = Samples.Key(account.Id);

        await Assert.ThrowsAsync<DuplicateNameException>(() => Store.CreateAccountWithKeyAsync(account, key, Ct));

        Assert.Null(await Store.GetAccountAsync(account.Id, Ct));
        Assert.Null(await Store.GetKeyAsync(key.Id, Ct));
    }

    // ---------------------------------------------------------------- durability

    [Fact]
    public async Task Data_SurvivesANewStoreInstanceOverTheSameStorage()
    {
        var account = await CreateAccountAsync(Samples.Account(
            name: "durable", orgId: "acme", projectId: "p", roles: ["editor"], allowedCidrs: ["10.0.0.0/8"],
            description: "survives restarts"));
        var key = Samples.Key(account.Id, createdAt: T0, expiresAt: T0.AddDays(30));
        var revoked = Samples.Key(account.Id, createdAt: T0.AddSeconds(1));
        await Store.CreateKeyAsync(key, Ct);
        await Store.CreateKeyAsync(revoked, Ct);
        await Store.RevokeKeyAsync(revoked.Id, T0.AddMinutes(1), Ct);
        var updated = account with { Status = AccountStatus.Disabled, UpdatedAt = T0.AddMinutes(2) };
        await Store.UpdateAccountAsync(updated, Ct);
        var gone = await CreateAccountAsync();
        await Store.DeleteAccountAsync(gone.Id, Ct);

        var reopened = await ReopenStoreAsync();
        await reopened.InitializeAsync(Ct);

        Assert.False(await reopened.IsEmptyAsync(Ct));
        AssertSameAccount(updated, await reopened.GetAccountAsync(account.Id, Ct));
        AssertSameAccount(updated, await reopened.FindAccountByNameAsync("acme", "durable", Ct));
        AssertSameKey(key, await reopened.GetKeyAsync(key.Id, Ct));
        Assert.Equal(T0.AddMinutes(1), (await reopened.GetKeyAsync(revoked.Id, Ct))?.RevokedAt);
        Assert.Null(await reopened.GetAccountAsync(gone.Id, Ct));
        var credential = await reopened.FindCredentialAsync(key.Id, Ct);
        Assert.NotNull(credential);
        Assert.Equal(account.Id, credential.Account.Id);
        var page = await reopened.ListAccountsAsync(new AccountQuery(), Ct);
        Assert.Equal([account.Id], Ids(page.Items));
    }

    [Fact]
    public async Task Writes_OfANewInstance_AreSeenByTheFirst()
    {
        var account = await CreateAccountAsync();
        var reopened = await ReopenStoreAsync();
        await reopened.InitializeAsync(Ct);

        var key = Samples.Key(account.Id);
        await reopened.CreateKeyAsync(key, Ct);
        await reopened.RevokeKeyAsync(key.Id, T0.AddMinutes(1), Ct);

        Assert.Equal(T0.AddMinutes(1), (await Store.GetKeyAsync(key.Id, Ct))?.RevokedAt);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Stores <paramref name="account"/> (a fresh sample when <c>null</c>) and returns it.</summary>
    protected async Task<ServiceAccount> CreateAccountAsync(ServiceAccount? account = null)
    {
        account ??= Samples.Account();
        await Store.CreateAccountAsync(account, Ct);
        return account;
    }

    private async Task<List<AccountPage>> ReadAllPagesAsync(AccountQuery query)
    {
        var pages = new List<AccountPage>();
        AccountCursor? after = null;
        do
        {
            var page = await Store.ListAccountsAsync(query with { After = after }, Ct);
            pages.Add(page);
            after = page.Next;
            Assert.True(pages.Count <= 1000, "Paging does not terminate.");
        }
        while (after is not null);

        return pages;
    }

    private static IEnumerable<ServiceAccount> Ordered(IEnumerable<ServiceAccount> accounts) =>
        accounts.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal);

    private static List<string> Ids(IEnumerable<ServiceAccount> accounts) => accounts.Select(a => a.Id).ToList();

    protected static void AssertSameAccount(ServiceAccount expected, ServiceAccount? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.OrgId, actual.OrgId);
        Assert.Equal(expected.ProjectId, actual.ProjectId);
        Assert.Equal(expected.Roles, actual.Roles);
        Assert.Equal(expected.AllowedCidrs, actual.AllowedCidrs);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
    }

    protected static void AssertSameKey(ApiKey expected, ApiKey? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.AccountId, actual.AccountId);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Fingerprint, actual.Fingerprint);
        Assert.Equal(expected.SecretHash, actual.SecretHash);
        Assert.Equal(expected.EncryptedSecret, actual.EncryptedSecret);
        Assert.Equal(expected.AllowedCidrs, actual.AllowedCidrs);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.ExpiresAt, actual.ExpiresAt);
        Assert.Equal(expected.LastUsedAt, actual.LastUsedAt);
        Assert.Equal(expected.RevokedAt, actual.RevokedAt);
    }

    [Fact]
    public async Task Roles_PutThenList_RoundTrips_AndUpdatesInPlace()
    {
        var store = await CreateStoreAsync();
        Assert.Empty(await store.ListRolesAsync(CancellationToken.None));

        var t0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var role = new Gateway.Accounts.Roles.Role { Name = "deployer", Description = "ships", Scopes = ["deploy:execute", "builds:read"], CreatedAt = t0, UpdatedAt = t0 };
        Assert.True(await store.PutRoleAsync(role, CancellationToken.None));
        Assert.False(await store.PutRoleAsync(role with { Scopes = ["deploy:*"], Description = null, UpdatedAt = t0.AddMinutes(1) }, CancellationToken.None));
        await store.PutRoleAsync(new Gateway.Accounts.Roles.Role { Name = "auditor", Scopes = ["logs:read"], CreatedAt = t0, UpdatedAt = t0 }, CancellationToken.None);

        var roles = await store.ListRolesAsync(CancellationToken.None);
        Assert.Equal(["auditor", "deployer"], roles.Select(r => r.Name).ToArray());
        var deployer = roles[1];
        Assert.Equal(["deploy:*"], deployer.Scopes);
        Assert.Null(deployer.Description);
        Assert.Equal(t0, deployer.CreatedAt);
        Assert.Equal(t0.AddMinutes(1), deployer.UpdatedAt);
    }

    [Fact]
    public async Task Roles_SurviveReopen()
    {
        var store = await CreateStoreAsync();
        await store.PutRoleAsync(new Gateway.Accounts.Roles.Role { Name = "keeper", Scopes = ["a:read"], CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch }, CancellationToken.None);
        var reopened = await ReopenStoreAsync();
        Assert.Equal(["keeper"], (await reopened.ListRolesAsync(CancellationToken.None)).Select(r => r.Name).ToArray());
    }

    [Fact]
    public async Task TouchKeys_RaisesLastUsed_NeverLowersIt_AndIgnoresUnknownKeys()
    {
        var account = Samples.Account();
        var key = Samples.Key(account.Id);
        await Store.CreateAccountWithKeyAsync(account, key, CancellationToken.None);

        await Store.TouchKeysAsync(new Dictionary<string, DateTimeOffset> { [key.Id] = T0.AddMinutes(5), [IdGenerator.NewKeyId()] = T0 }, CancellationToken.None);
        Assert.Equal(T0.AddMinutes(5), (await Store.GetKeyAsync(key.Id, CancellationToken.None))!.LastUsedAt);

        await Store.TouchKeysAsync(new Dictionary<string, DateTimeOffset> { [key.Id] = T0.AddMinutes(1) }, CancellationToken.None);
        Assert.Equal(T0.AddMinutes(5), (await Store.GetKeyAsync(key.Id, CancellationToken.None))!.LastUsedAt);

        await Store.TouchKeysAsync(new Dictionary<string, DateTimeOffset>(), CancellationToken.None);
        Assert.Equal(T0.AddMinutes(5), (await Store.GetKeyAsync(key.Id, CancellationToken.None))!.LastUsedAt);
    }

    [Fact]
    public async Task TouchKeys_RaisesLastUsed_OnlyByAtLeastTheResolution()
    {
        var account = Samples.Account();
        var key = Samples.Key(account.Id);
        await Store.CreateAccountWithKeyAsync(account, key, CancellationToken.None);
        await Store.TouchKeysAsync(new Dictionary<string, DateTimeOffset> { [key.Id] = T0 }, CancellationToken.None);

        var almost = T0 + LastUsed.Resolution - TimeSpan.FromMilliseconds(1);
        await Store.TouchKeysAsync(new Dictionary<string, DateTimeOffset> { [key.Id] = almost }, CancellationToken.None);
        Assert.Equal(T0, (await Store.GetKeyAsync(key.Id, CancellationToken.None))!.LastUsedAt);

        await Store.TouchKeysAsync(new Dictionary<string, DateTimeOffset> { [key.Id] = T0 + LastUsed.Resolution }, CancellationToken.None);
        Assert.Equal(T0 + LastUsed.Resolution, (await Store.GetKeyAsync(key.Id, CancellationToken.None))!.LastUsedAt);
    }

    [Fact]
    public async Task Statistics_CountActiveAccountsAndLiveKeys()
    {
        var active = Samples.Account();
        await Store.CreateAccountWithKeyAsync(active, Samples.Key(active.Id), CancellationToken.None);
        await Store.CreateKeyAsync(Samples.Key(active.Id, revokedAt: T0), CancellationToken.None);
        await Store.CreateKeyAsync(Samples.Key(active.Id, expiresAt: T0.AddMinutes(1)), CancellationToken.None);
        await Store.CreateKeyAsync(Samples.Key(active.Id, expiresAt: T0.AddDays(1)), CancellationToken.None);
        var disabled = Samples.Account(status: AccountStatus.Disabled);
        await Store.CreateAccountWithKeyAsync(disabled, Samples.Key(disabled.Id), CancellationToken.None);

        var statistics = await Store.GetStatisticsAsync(T0.AddMinutes(2), CancellationToken.None);

        Assert.Equal(1, statistics.ActiveAccounts);
        Assert.Equal(3, statistics.ActiveKeys);
    }
}
