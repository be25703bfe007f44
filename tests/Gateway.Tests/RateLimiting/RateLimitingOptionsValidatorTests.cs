using Gateway.RateLimiting;

namespace Gateway.Tests.RateLimiting;

public sealed class RateLimitingOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid_WithOrWithoutRedis()
    {
        Assert.True(new RateLimitingOptionsValidator(false).Validate(null, new RateLimitingOptions()).Succeeded);
        Assert.True(new RateLimitingOptionsValidator(true).Validate(null, new RateLimitingOptions()).Succeeded);
    }

    [Fact]
    public void BadValues_AreNamed()
    {
        var result = new RateLimitingOptionsValidator(false).Validate(null, new RateLimitingOptions
        {
            Store = "redis",
            OnRedisFailure = "maybe",
            Replicas = 0,
            MaxAccounts = 0,
            IdleTimeout = TimeSpan.Zero,
            AuditInterval = TimeSpan.FromDays(1),
        });
        Assert.True(result.Failed);
        var failures = result.Failures!.ToArray();
        Assert.Contains("Gateway:RateLimiting:Store=redis needs Gateway:Redis:Configuration.", failures);
        foreach (var key in new[] { "OnRedisFailure", "Replicas", "MaxAccounts", "IdleTimeout", "AuditInterval" })
        {
            Assert.Contains(failures, f => f.StartsWith($"Gateway:RateLimiting:{key} ", StringComparison.Ordinal));
        }
    }
}
