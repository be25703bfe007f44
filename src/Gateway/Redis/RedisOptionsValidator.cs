using Microsoft.Extensions.Options;

namespace Gateway.Redis;

/// <summary>Validates <c>Gateway:Redis</c>: a key prefix that keeps Redis Cluster hash slots, a bounded staleness.</summary>
public sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        var failures = new List<string>();
        Validate(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds the failures of <paramref name="options"/> to <paramref name="failures"/>.</summary>
    public static void Validate(RedisOptions options, List<string> failures)
    {
        var prefix = options.KeyPrefix ?? "";
        if (prefix.Length is 0 or > 64 || prefix.AsSpan().IndexOfAny('{', '}') >= 0 || prefix.Any(char.IsWhiteSpace))
        {
            failures.Add("Gateway:Redis:KeyPrefix must be 1-64 characters without '{', '}' or spaces (braces would change Redis Cluster hash slots).");
        }

        if (options.MaxStaleness < TimeSpan.Zero || options.MaxStaleness > TimeSpan.FromHours(1))
        {
            failures.Add("Gateway:Redis:MaxStaleness must be between 00:00:00 and 01:00:00.");
        }
    }
}
