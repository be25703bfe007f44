using Microsoft.Extensions.Options;

namespace Gateway.Listeners;

/// <summary>Validates <c>Gateway:Listeners</c>: each URL is <c>http(s)://address:port</c>; https needs a certificate.</summary>
public sealed class ListenersOptionsValidator : IValidateOptions<ListenersOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ListenersOptions options)
    {
        var failures = new List<string>();
        Validate(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds the failures of <paramref name="options"/> to <paramref name="failures"/>.</summary>
    public static void Validate(ListenersOptions options, List<string> failures)
    {
        ValidateListener("Proxy", options.Proxy, failures);
        ValidateListener("Admin", options.Admin, failures);
        ValidateListener("Status", options.Status, failures);
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
}
