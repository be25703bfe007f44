using Microsoft.Extensions.Options;

namespace Gateway.Replay;

/// <summary>Validates <c>Gateway:Replay</c>: the store is <c>memory</c> or <c>redis</c>; the in-process capacity is at least 1000.</summary>
public sealed class ReplayOptionsValidator : IValidateOptions<ReplayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ReplayOptions options)
    {
        var failures = new List<string>();
        ValidateStore(options, failures);
        ValidateCapacity(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds a failure when <see cref="ReplayOptions.Store"/> names no known store.</summary>
    public static void ValidateStore(ReplayOptions options, List<string> failures)
    {
        if (options.Store is { Length: > 0 } store && store is not (ReplayOptions.MemoryStore or ReplayOptions.RedisStore))
        {
            failures.Add("Gateway:Replay:Store must be 'memory' or 'redis'.");
        }
    }

    /// <summary>Adds a failure when <see cref="ReplayOptions.MemoryCapacity"/> is below 1000.</summary>
    public static void ValidateCapacity(ReplayOptions options, List<string> failures)
    {
        if (options.MemoryCapacity < 1000)
        {
            failures.Add("Gateway:Replay:MemoryCapacity must be at least 1000.");
        }
    }
}
