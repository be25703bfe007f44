using Gateway.Accounts.Secrets;
using Microsoft.Extensions.Options;

namespace Gateway.Authentication.Signature;

/// <summary>Validates <c>Gateway:Signing</c>: clock skew and body limit within bounds, and the master key ring.</summary>
public sealed class SigningOptionsValidator : IValidateOptions<SigningOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        var failures = new List<string>();
        Validate(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds the failures of <paramref name="signing"/> to <paramref name="failures"/>.</summary>
    public static void Validate(SigningOptions signing, List<string> failures)
    {
        if (signing.ClockSkew <= TimeSpan.Zero || signing.ClockSkew > TimeSpan.FromHours(1))
        {
            failures.Add("Gateway:Signing:ClockSkew must be more than zero and at most 01:00:00.");
        }

        if (signing.MaxBodyBytes is < 1 or > int.MaxValue)
        {
            failures.Add("Gateway:Signing:MaxBodyBytes must be between 1 and 2147483647.");
        }

        MasterKeyRingOptionsValidator.Validate(signing, failures);
    }
}
