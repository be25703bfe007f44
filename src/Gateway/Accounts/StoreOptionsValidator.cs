using Microsoft.Extensions.Options;

namespace Gateway.Accounts;

/// <summary>Validates <c>Gateway:Store</c>: the provider is <c>sqlite</c> or <c>redis</c>.</summary>
public sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var failures = new List<string>();
        Validate(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds the failures of <paramref name="options"/> to <paramref name="failures"/>.</summary>
    public static void Validate(StoreOptions options, List<string> failures)
    {
        if (options.Provider is not { Length: > 0 } provider
            || !(string.Equals(provider, StoreOptions.Sqlite, StringComparison.OrdinalIgnoreCase) || options.IsRedis))
        {
            failures.Add($"Gateway:Store:Provider must be '{StoreOptions.Sqlite}' or '{StoreOptions.Redis}'.");
        }

        if (options.CheckpointInterval < TimeSpan.FromMilliseconds(10) || options.CheckpointInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("Gateway:Store:CheckpointInterval must be between 00:00:00.01 and 00:01:00.");
        }
    }
}
