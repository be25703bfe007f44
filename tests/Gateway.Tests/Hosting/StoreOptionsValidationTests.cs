using Gateway.Accounts;
using Gateway.Accounts.Secrets;
using Gateway.Hosting;
using Gateway.Replay;

namespace Gateway.Tests.Hosting;

/// <summary>Start-up validation of the store, Redis and credential cache settings: each failure names its key.</summary>
public sealed class StoreOptionsValidationTests
{
    private readonly GatewayOptionsValidator _validator = new();

    [Fact]
    public void RedisStore_FullyConfigured_Succeeds()
    {
        var result = _validator.Validate(null, RedisMode());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    [InlineData("Redis")]
    public void Provider_KnownNames_AreAccepted(string provider)
    {
        var options = RedisMode();
        options.Store.Provider = provider;

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("")]
    public void Provider_Unknown_FailsNamingTheKey(string provider)
    {
        var options = new GatewayOptions { Store = { Provider = provider } };

        Assert.Contains("Gateway:Store:Provider", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(60_001)]
    public void CheckpointInterval_OutOfRange_FailsNamingTheKey(int milliseconds)
    {
        var options = new GatewayOptions { Store = { CheckpointInterval = TimeSpan.FromMilliseconds(milliseconds) } };

        Assert.Contains("Gateway:Store:CheckpointInterval", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void RedisStore_WithoutRedisConfiguration_FailsNamingBothKeys()
    {
        var options = RedisMode();
        options.Redis.Configuration = null;

        var failure = Assert.Single(Failures(options));

        Assert.Contains("Gateway:Store:Provider", failure, StringComparison.Ordinal);
        Assert.Contains("Gateway:Redis:Configuration", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void RedisStore_WithoutSharedHashKey_Fails()
    {
        var options = RedisMode();
        options.Keys.HashKey = null;

        Assert.Contains("Gateway:Keys:HashKey is required", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void RedisStore_WithoutSharedMasterKeys_Fails()
    {
        var options = RedisMode();
        options.Signing.MasterKeys.Clear();

        Assert.Contains("Gateway:Signing:MasterKeys is required", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void RedisStore_WithInProcessNonces_Fails()
    {
        var options = RedisMode();
        options.Replay.Store = "memory";

        Assert.Contains("Gateway:Replay:Store is 'memory'", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteStore_NeedsNeitherHashKeyNorMasterKeys()
    {
        Assert.True(_validator.Validate(null, new GatewayOptions { Store = { Provider = "sqlite" } }).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gw{x}:")]
    [InlineData("gw }")]
    [InlineData("a b:")]
    public void KeyPrefix_EmptyOrWithBracesOrSpaces_FailsNamingTheKey(string prefix)
    {
        var options = new GatewayOptions { Redis = { KeyPrefix = prefix } };

        Assert.Contains("Gateway:Redis:KeyPrefix", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3601)]
    public void MaxStaleness_OutOfRange_FailsNamingTheKey(int seconds)
    {
        var options = new GatewayOptions { Redis = { MaxStaleness = TimeSpan.FromSeconds(seconds) } };

        Assert.Contains("Gateway:Redis:MaxStaleness", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void MaxStaleness_Zero_IsAllowed()
    {
        Assert.True(_validator.Validate(null, new GatewayOptions { Redis = { MaxStaleness = TimeSpan.Zero } }).Succeeded);
    }

    [Fact]
    public void ReplayOnItsOwnRedis_SatisfiesReplayStoreRedis()
    {
        var options = new GatewayOptions { Replay = { Store = "redis", RedisConfiguration = "nonces:6379" } };

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.True(options.Replay.UsesRedis(options.Redis.Configuration));
    }

    [Fact]
    public void ReplayStoreRedis_WithNoRedisAtAll_Fails()
    {
        var options = new GatewayOptions { Replay = { Store = "redis" } };

        Assert.Contains("Gateway:Replay:Store", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void ReplayRedisConfigurationAlone_SendsNoncesToRedis()
    {
        Assert.True(new ReplayOptions { RedisConfiguration = "nonces:6379" }.UsesRedis(sharedRedisConfiguration: null));
        Assert.False(new ReplayOptions().UsesRedis(sharedRedisConfiguration: null));
        Assert.True(new ReplayOptions().UsesRedis("redis:6379"));
    }

    [Theory]
    [InlineData("EntryLifetime")]
    [InlineData("NegativeLifetime")]
    [InlineData("MaxEntries")]
    [InlineData("MaxNegativeEntries")]
    [InlineData("ResyncInterval")]
    [InlineData("Admission")]
    public void CredentialCache_OutOfRange_FailsNamingTheKey(string setting)
    {
        var options = new GatewayOptions();
        var cache = options.CredentialCache;
        switch (setting)
        {
            case "EntryLifetime": cache.EntryLifetime = TimeSpan.Zero; break;
            case "NegativeLifetime": cache.NegativeLifetime = TimeSpan.FromMinutes(6); break;
            case "MaxEntries": cache.MaxEntries = 0; break;
            case "MaxNegativeEntries": cache.MaxNegativeEntries = 0; break;
            case "Admission": cache.Admission = (CredentialCacheAdmission)7; break;
            default: cache.ResyncInterval = TimeSpan.FromMilliseconds(10); break;
        }

        Assert.Contains($"Gateway:CredentialCache:{setting}", Assert.Single(Failures(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new GatewayOptions();

        Assert.Equal("sqlite", options.Store.Provider);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Store.CheckpointInterval);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Redis.MaxStaleness);
        Assert.Equal(TimeSpan.FromSeconds(60), options.CredentialCache.EntryLifetime);
        Assert.Equal(TimeSpan.FromSeconds(60), options.CredentialCache.NegativeLifetime);
        Assert.Equal(100_000, options.CredentialCache.MaxEntries);
        Assert.Equal(100_000, options.CredentialCache.MaxNegativeEntries);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CredentialCache.ResyncInterval);
        Assert.Equal(CredentialCacheAdmission.Adaptive, options.CredentialCache.Admission);
    }

    private static GatewayOptions RedisMode()
    {
        var options = new GatewayOptions
        {
            Store = { Provider = "redis" },
            Redis = { Configuration = "redis:6379" },
            Keys = { HashKey = Convert.ToBase64String(new byte[32]) },
        };
        options.Signing.MasterKeys.Add(new MasterKeyOptions { Id = "k1", Key = Convert.ToBase64String(new byte[32]) });
        return options;
    }

    private List<string> Failures(GatewayOptions options)
    {
        var result = _validator.Validate(null, options);
        Assert.True(result.Failed);
        return result.Failures!.ToList();
    }
}
