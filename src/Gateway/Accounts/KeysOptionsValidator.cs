using Microsoft.Extensions.Options;

namespace Gateway.Accounts;

/// <summary>Validates <c>Gateway:Keys</c>: the hash key is base64 of at least 32 bytes; a maximum lifetime is at least a minute; the renewal grace cap is 0-30 days.</summary>
public sealed class KeysOptionsValidator : IValidateOptions<KeysOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KeysOptions options)
    {
        var failures = new List<string>();
        Validate(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds the failures of <paramref name="options"/> to <paramref name="failures"/>.</summary>
    public static void Validate(KeysOptions options, List<string> failures)
    {
        if (options.HashKey is { Length: > 0 } hashKey && !IsBase64OfAtLeast(hashKey, 32))
        {
            failures.Add("Gateway:Keys:HashKey must be base64 of at least 32 bytes.");
        }

        if (options.MaxLifetime is { } lifetime && lifetime < TimeSpan.FromMinutes(1))
        {
            failures.Add("Gateway:Keys:MaxLifetime must be at least 00:01:00.");
        }

        if (options.MaxRenewGrace < TimeSpan.Zero || options.MaxRenewGrace > TimeSpan.FromDays(30))
        {
            failures.Add("Gateway:Keys:MaxRenewGrace must be between 00:00:00 and 30.00:00:00.");
        }
    }

    private static bool IsBase64OfAtLeast(string value, int bytes)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= bytes;
    }
}
