using Microsoft.Extensions.Options;

namespace Gateway.Accounts.Secrets;

/// <summary>Validates the master key ring: unique ids, keys of exactly 32 bytes, an active key that exists.</summary>
public sealed class MasterKeyRingOptionsValidator : IValidateOptions<MasterKeyRingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MasterKeyRingOptions options)
    {
        var failures = new List<string>();
        Validate(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds the failures of <paramref name="options"/> to <paramref name="failures"/>.</summary>
    public static void Validate(MasterKeyRingOptions options, List<string> failures)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.MasterKeys.Count; i++)
        {
            var key = options.MasterKeys[i];
            if (key.Id.Length is 0 or > 32 || !NameRules.IsValidIdentifier(key.Id) || !ids.Add(key.Id))
            {
                failures.Add($"Gateway:Signing:MasterKeys:{i}:Id must be a unique 1-32 character name of [A-Za-z0-9._-].");
            }

            var buffer = new byte[key.Key.Length];
            if (!Convert.TryFromBase64String(key.Key, buffer, out var written) || written != 32)
            {
                failures.Add($"Gateway:Signing:MasterKeys:{i}:Key must be base64 of exactly 32 bytes.");
            }
        }

        if (options.ActiveMasterKey is { Length: > 0 } active && !ids.Contains(active))
        {
            failures.Add($"Gateway:Signing:ActiveMasterKey '{active}' is not one of Gateway:Signing:MasterKeys.");
        }
    }
}
