using Gateway.Accounts;
using Gateway.Accounts.Redis;
using Gateway.Accounts.Roles;
using Gateway.Accounts.Sqlite;
using Gateway.Federation.Policies;
using Gateway.Federation.Store;
using Gateway.IdentityToken;
using Gateway.Migration;
using Gateway.Testing;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Migration;

/// <summary>The <c>migrate</c> verb, from a real SQLite file into a real redis-server.</summary>
public sealed class MigrationCommandTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _dir = new();
    private readonly string _prefix = RedisFixture.NewPrefix();

    private string DatabasePath => _dir.Combine("data", "gateway.db");

    private RedisAccountStore Target => new(redis.Redis, _prefix, TimeProvider.System, NullLogger<RedisAccountStore>.Instance);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Migrate_CopiesAccountsKeysAndRolesUnchanged_ThenSkipsThemOnASecondRun()
    {
        var source = new SqliteAccountStore(DatabasePath);
        await source.InitializeAsync(Ct);
        var ci = Samples.Account(name: "ci", orgId: "acme", projectId: "web", roles: ["deployer"], allowedCidrs: ["10.0.0.0/8"],
            description: "pipelines", createdAt: Samples.T0);
        var job = Samples.Account(name: "job", orgId: "globex", status: AccountStatus.Disabled, createdAt: Samples.T0.AddSeconds(1));
        await source.CreateAccountAsync(ci, Ct);
        await source.CreateAccountAsync(job, Ct);
        var bearer = Samples.Key(ci.Id, createdAt: Samples.T0, expiresAt: Samples.T0.AddDays(90), allowedCidrs: ["10.1.0.0/16"]);
        var hmac = Samples.Key(ci.Id, createdAt: Samples.T0.AddSeconds(1), kind: KeyKind.Hmac, description: "signing");
        var revoked = Samples.Key(job.Id, revokedAt: Samples.T0.AddHours(1));
        foreach (var key in new[] { bearer, hmac, revoked })
        {
            await source.CreateKeyAsync(key, Ct);
        }

        var role = new Role { Name = "deployer", Scopes = ["deploy:execute"], CreatedAt = Samples.T0, UpdatedAt = Samples.T0 };
        await source.PutRoleAsync(role, Ct);

        var (code, output, error) = await RunAsync();

        Assert.True(code == 0, error);
        Assert.Contains("accounts: 2 copied, 0 already present, 0 name conflicts", output, StringComparison.Ordinal);
        Assert.Contains("keys:     3 copied, 0 already present", output, StringComparison.Ordinal);
        Assert.Contains("roles:    1 copied, 0 already present", output, StringComparison.Ordinal);
        Assert.Contains("policies: 0 copied, 0 already present", output, StringComparison.Ordinal);
        Assert.Contains("identity-token keys: none to copy", output, StringComparison.Ordinal);
        Assert.Contains("Gateway:Keys:HashKey", output, StringComparison.Ordinal);
        var target = Target;
        var copiedCi = await target.GetAccountAsync(ci.Id, Ct);
        Assert.NotNull(copiedCi);
        Assert.Equal((ci.Name, ci.OrgId, ci.ProjectId, ci.Description, ci.Status, ci.CreatedAt, ci.UpdatedAt),
            (copiedCi.Name, copiedCi.OrgId, copiedCi.ProjectId, copiedCi.Description, copiedCi.Status, copiedCi.CreatedAt, copiedCi.UpdatedAt));
        Assert.Equal(ci.Roles, copiedCi.Roles);
        Assert.Equal(ci.AllowedCidrs, copiedCi.AllowedCidrs);
        Assert.Equal(AccountStatus.Disabled, (await target.FindAccountByNameAsync("globex", "job", Ct))?.Status);
        foreach (var key in new[] { bearer, hmac, revoked })
        {
            var copied = await target.FindCredentialAsync(key.Id, Ct);
            Assert.NotNull(copied);
            Assert.Equal(key.SecretHash, copied.Key.SecretHash);
            Assert.Equal(key.EncryptedSecret, copied.Key.EncryptedSecret);
            Assert.Equal(key.Fingerprint, copied.Key.Fingerprint);
            Assert.Equal(key.CreatedAt, copied.Key.CreatedAt);
            Assert.Equal(key.ExpiresAt, copied.Key.ExpiresAt);
            Assert.Equal(key.RevokedAt, copied.Key.RevokedAt);
            Assert.Equal(key.AllowedCidrs, copied.Key.AllowedCidrs);
        }

        Assert.Equal(["deploy:execute"], Assert.Single(await target.ListRolesAsync(Ct)).Scopes);

        var again = await RunAsync();

        Assert.Equal(0, again.Code);
        Assert.Contains("accounts: 0 copied, 2 already present, 0 name conflicts", again.Output, StringComparison.Ordinal);
        Assert.Contains("keys:     0 copied, 3 already present", again.Output, StringComparison.Ordinal);
        Assert.Contains("roles:    0 copied, 1 already present", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_CopiesTrustPoliciesWithTheirIds_IndexedByIssuer_ThenSkipsThem()
    {
        var source = new SqliteAccountStore(DatabasePath);
        await source.InitializeAsync(Ct);
        var ci = Samples.Account(name: "ci", orgId: "acme");
        await source.CreateAccountAsync(ci, Ct);
        var policies = new SqliteTrustPolicyStore(DatabasePath);
        await policies.InitializeAsync(Ct);
        var deploy = new TrustPolicy
        {
            Id = TrustPolicyRules.NewId(),
            AccountId = ci.Id,
            Issuer = "https://token.actions.githubusercontent.com",
            Audience = "https://gateway.example",
            Conditions = new Dictionary<string, string> { ["repository"] = "acme/app", ["ref"] = "refs/heads/main" },
            AllowedCidrs = ["10.0.0.0/8"],
            MaxTokenLifetime = TimeSpan.FromMinutes(5),
            Description = "deploys",
            CreatedAt = Samples.T0,
        };
        var review = deploy with { Id = TrustPolicyRules.NewId(), Issuer = "https://gitlab.example", Description = null, CreatedAt = Samples.T0.AddSeconds(1) };
        Assert.Equal(TrustPolicyCreateResult.Created, await policies.CreateAsync(deploy, 2, Ct));
        Assert.Equal(TrustPolicyCreateResult.Created, await policies.CreateAsync(review, 2, Ct));

        var (code, output, error) = await RunAsync();

        Assert.True(code == 0, error);
        Assert.Contains("policies: 2 copied, 0 already present", output, StringComparison.Ordinal);
        var target = new RedisTrustPolicyStore(redis.Redis, new RedisKeyLayout(_prefix));
        Assert.Equal(TrustPolicySerializer.Serialize(deploy), TrustPolicySerializer.Serialize((await target.GetAsync(deploy.Id, Ct))!));
        Assert.Equal([deploy.Id, review.Id], (await target.ListByAccountAsync(ci.Id, Ct)).Select(p => p.Id));
        Assert.Equal(review.Id, Assert.Single(await target.ListByIssuerAsync("https://gitlab.example", Ct)).Id);

        var again = await RunAsync();

        Assert.Equal(0, again.Code);
        Assert.Contains("policies: 0 copied, 2 already present", again.Output, StringComparison.Ordinal);
        Assert.Equal(2, (await target.ListByAccountAsync(ci.Id, Ct)).Count);
    }

    [Fact]
    public async Task Migrate_CopiesTheIdentityKeyDocument_OnlyIntoARedisThatHasNone()
    {
        var source = new SqliteAccountStore(DatabasePath);
        await source.InitializeAsync(Ct);
        var file = new FileIdentityKeyStore(_dir.Combine("data", FileIdentityKeyStore.FileName));
        Assert.True(await file.TryReplaceAsync(null, """{"keys":"sealed-1"}""", Ct));
        var target = new RedisIdentityKeyStore(redis.Redis, _prefix);

        var first = await RunAsync();

        Assert.True(first.Code == 0, first.Error);
        Assert.Contains("identity-token keys: copied", first.Output, StringComparison.Ordinal);
        Assert.Equal("""{"keys":"sealed-1"}""", await target.ReadAsync(Ct));

        Assert.True(await file.TryReplaceAsync("""{"keys":"sealed-1"}""", """{"keys":"sealed-2"}""", Ct));
        var second = await RunAsync();

        Assert.Equal(0, second.Code);
        Assert.Contains("identity-token keys: already present in Redis, left as they are", second.Output, StringComparison.Ordinal);
        Assert.Equal("""{"keys":"sealed-1"}""", await target.ReadAsync(Ct));
    }

    [Fact]
    public async Task Migrate_NameTakenByAnotherAccountInRedis_IsReportedAndExitsOne()
    {
        var source = new SqliteAccountStore(DatabasePath);
        await source.InitializeAsync(Ct);
        await source.CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"), Ct);
        await source.CreateAccountAsync(Samples.Account(name: "other", orgId: "acme"), Ct);
        await Target.CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"), Ct);

        var (code, output, error) = await RunAsync();

        Assert.Equal(1, code);
        Assert.Contains("accounts: 1 copied, 0 already present, 1 name conflicts", output, StringComparison.Ordinal);
        Assert.Contains("1 account(s) were not copied", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_WithoutSqliteFileOrRedis_ExitsTwoWithUsage()
    {
        var missingFile = await RunAsync(["--from-sqlite", _dir.Combine("nope.db"), $"--Gateway:Redis:Configuration={redis.Server.Configuration}"]);
        var noRedis = await RunAsync(["--from-sqlite", DatabasePath]);
        var noArgs = await RunAsync([]);

        Assert.Equal(2, missingFile.Code);
        Assert.Contains("no file", missingFile.Error, StringComparison.Ordinal);
        Assert.Equal(2, noArgs.Code);
        Assert.Contains("usage:", noArgs.Error, StringComparison.Ordinal);
        Assert.Equal(2, noRedis.Code);
    }

    private Task<(int Code, string Output, string Error)> RunAsync() => RunAsync(
    [
        MigrationCommand.FromSqliteOption, DatabasePath,
        $"--Gateway:Redis:Configuration={redis.Server.Configuration}",
        $"--Gateway:Redis:KeyPrefix={_prefix}",
    ]);

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await MigrationCommand.RunAsync(args, output, error, Ct);
        return (code, output.ToString(), error.ToString());
    }
}
