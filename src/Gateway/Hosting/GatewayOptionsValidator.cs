using Gateway.Accounts.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>Validates <see cref="GatewayOptions"/> at start-up; each message names the configuration key.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Gateway:DataDirectory must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.RoutesFile))
        {
            failures.Add("Gateway:RoutesFile must not be empty.");
        }

        ValidateListener("Proxy", options.Listeners.Proxy, failures);
        ValidateListener("Admin", options.Listeners.Admin, failures);
        ValidateListener("Status", options.Listeners.Status, failures);

        if (options.Keys.HashKey is { Length: > 0 } hashKey && !IsBase64OfAtLeast(hashKey, 32))
        {
            failures.Add("Gateway:Keys:HashKey must be base64 of at least 32 bytes.");
        }

        if (options.Admin.BootstrapKey is { Length: > 0 } bootstrap && !BearerToken.TryParse(bootstrap, out _))
        {
            failures.Add("Gateway:Admin:BootstrapKey must be a well-formed gwk_ token (create one with `gatewayctl` or let the gateway generate it).");
        }

        if (!Accounts.NameRules.IsValidIdentifier(options.Admin.BootstrapOrg))
        {
            failures.Add("Gateway:Admin:BootstrapOrg must be 1-64 characters of letters, digits, '.', '-' or '_'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateListener(string name, ListenerOptions listener, List<string> failures)
    {
        if (!ListenerEndpoint.TryParse(listener.Url, out var endpoint))
        {
            failures.Add($"Gateway:Listeners:{name}:Url '{listener.Url}' is not http(s)://address:port.");
            return;
        }

        if (endpoint!.Https && string.IsNullOrEmpty(listener.CertificatePath))
        {
            failures.Add($"Gateway:Listeners:{name}:CertificatePath is required for an https listener.");
        }
    }

    private static bool IsBase64OfAtLeast(string value, int bytes)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= bytes;
    }
}
