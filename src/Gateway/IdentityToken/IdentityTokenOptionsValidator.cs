using Microsoft.Extensions.Options;

namespace Gateway.IdentityToken;

/// <summary>Validates <c>Gateway:IdentityToken</c> at start-up; a failure names the key.</summary>
public sealed class IdentityTokenOptionsValidator : IValidateOptions<IdentityTokenOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IdentityTokenOptions options)
    {
        var failures = new List<string>();
        const string section = IdentityTokenOptions.SectionName;
        if (options.Issuer is { } issuer && !IsValidIssuer(issuer))
        {
            failures.Add($"{section}:Issuer must be an absolute URI of at most 256 characters (an http(s) URL without query or fragment, or e.g. urn:example:gateway).");
        }

        if (options.JwksUri is { } jwksUri
            && !(Uri.TryCreate(jwksUri, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0))
        {
            failures.Add($"{section}:JwksUri must be an absolute http(s) URL without user info or fragment.");
        }

        if (options.Lifetime < TimeSpan.FromSeconds(30) || options.Lifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:Lifetime must be between 00:00:30 and 01:00:00.");
        }

        if (options.JwksMaxAge < TimeSpan.Zero || options.JwksMaxAge > TimeSpan.FromDays(1))
        {
            failures.Add($"{section}:JwksMaxAge must be between 00:00:00 and 1.00:00:00.");
        }

        if (options.RefreshInterval < TimeSpan.FromSeconds(1) || options.RefreshInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{section}:RefreshInterval must be between 00:00:01 and 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>An absolute URI; an http(s) one without user info, query or fragment.</summary>
    public static bool IsValidIssuer(string issuer)
    {
        if (issuer.Length is 0 or > 256 || issuer.Any(c => c <= ' ' || c > '~')
            || !Uri.TryCreate(issuer, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Scheme is not ("http" or "https")
            || (uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0 && !issuer.Contains('#'));
    }
}
