using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// Validates <c>Gateway:RateLimiting</c> at start-up; a failure names the key. <paramref name="redisConfigured"/>:
/// whether <c>Gateway:Redis:Configuration</c> is set (<c>Store=redis</c> needs it).
/// </summary>
public sealed class RateLimitingOptionsValidator(bool redisConfigured) : IValidateOptions<RateLimitingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var failures = new List<string>();
        var section = RateLimitingOptions.SectionName;
        if (options.Store is not ("auto" or "embedded" or "redis"))
        {
            failures.Add($"{section}:Store must be auto, embedded or redis.");
        }
        else if (options.Store == "redis" && !redisConfigured)
        {
            failures.Add($"{section}:Store=redis needs Gateway:Redis:Configuration.");
        }

        if (options.OnRedisFailure is not ("open" or "closed"))
        {
            failures.Add($"{section}:OnRedisFailure must be open or closed.");
        }

        if (options.Replicas is < 1 or > 1000)
        {
            failures.Add($"{section}:Replicas must be between 1 and 1000.");
        }

        if (options.MaxAccounts is < 1 or > 10_000_000)
        {
            failures.Add($"{section}:MaxAccounts must be between 1 and 10000000.");
        }

        if (options.IdleTimeout < TimeSpan.FromSeconds(1) || options.IdleTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{section}:IdleTimeout must be between 00:00:01 and 1.00:00:00.");
        }

        if (options.AuditInterval < TimeSpan.FromSeconds(1) || options.AuditInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:AuditInterval must be between 00:00:01 and 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
