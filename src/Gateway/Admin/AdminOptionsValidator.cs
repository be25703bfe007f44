using Gateway.Accounts;
using Gateway.Accounts.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

/// <summary>Validates <c>Gateway:Admin</c>: a configured bootstrap key is a well-formed token; the org is an identifier.</summary>
public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new List<string>();
        ValidateBootstrapKey(options, failures);
        ValidateBootstrapOrg(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds a failure when the configured bootstrap key is not a well-formed <c>gwk_</c> token.</summary>
    public static void ValidateBootstrapKey(AdminOptions options, List<string> failures)
    {
        if (options.BootstrapKey is { Length: > 0 } bootstrap && !BearerToken.TryParse(bootstrap, out _))
        {
            failures.Add("Gateway:Admin:BootstrapKey must be a well-formed gwk_ token (create one with `gatewayctl` or let the gateway generate it).");
        }
    }

    /// <summary>Adds a failure when the bootstrap org is not an identifier.</summary>
    public static void ValidateBootstrapOrg(AdminOptions options, List<string> failures)
    {
        if (!NameRules.IsValidIdentifier(options.BootstrapOrg))
        {
            failures.Add("Gateway:Admin:BootstrapOrg must be 1-64 characters of letters, digits, '.', '-' or '_'.");
        }
    }
}
