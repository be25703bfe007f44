using Microsoft.Extensions.Options;

namespace Gateway.Accounts;

/// <summary>Validates <c>Gateway:CredentialCache</c>: lifetimes and sizes within their documented bounds.</summary>
public sealed class CredentialCacheOptionsValidator : IValidateOptions<CredentialCacheOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CredentialCacheOptions options)
    {
        var failures = new List<string>();
        Validate(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds the failures of <paramref name="cache"/> to <paramref name="failures"/>.</summary>
    public static void Validate(CredentialCacheOptions cache, List<string> failures)
    {
        if (cache.EntryLifetime <= TimeSpan.Zero || cache.EntryLifetime > TimeSpan.FromHours(1))
        {
            failures.Add("Gateway:CredentialCache:EntryLifetime must be more than zero and at most 01:00:00.");
        }

        if (cache.NegativeLifetime < TimeSpan.Zero || cache.NegativeLifetime > TimeSpan.FromMinutes(5))
        {
            failures.Add("Gateway:CredentialCache:NegativeLifetime must be between 00:00:00 and 00:05:00.");
        }

        if (cache.MaxEntries < 1)
        {
            failures.Add("Gateway:CredentialCache:MaxEntries must be at least 1.");
        }

        if (cache.MaxNegativeEntries < 1)
        {
            failures.Add("Gateway:CredentialCache:MaxNegativeEntries must be at least 1.");
        }

        if (!Enum.IsDefined(cache.Admission))
        {
            failures.Add("Gateway:CredentialCache:Admission must be Adaptive, Always or SecondSighting.");
        }

        if (cache.ResyncInterval < TimeSpan.FromSeconds(1) || cache.ResyncInterval > TimeSpan.FromHours(1))
        {
            failures.Add("Gateway:CredentialCache:ResyncInterval must be between 00:00:01 and 01:00:00.");
        }
    }
}
