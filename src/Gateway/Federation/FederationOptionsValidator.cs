using Microsoft.Extensions.Options;

namespace Gateway.Federation;

/// <summary>Validates <see cref="FederationOptions"/> at start-up; each message names the key.</summary>
public sealed class FederationOptionsValidator : IValidateOptions<FederationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FederationOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Issuers.Count; i++)
        {
            if (IssuerUrl.Check(options.Issuers[i], options.AllowHttpLoopbackIssuers) is { } problem)
            {
                failures.Add($"Gateway:Federation:Issuers:{i} {problem}");
            }
        }

        if (options.Issuers.Distinct(StringComparer.Ordinal).Count() != options.Issuers.Count)
        {
            failures.Add("Gateway:Federation:Issuers must not list an issuer twice.");
        }

        if (options.MaxAccessTokenLifetime < FederationDefaults.MinPolicyLifetime || options.MaxAccessTokenLifetime > TimeSpan.FromHours(12))
        {
            failures.Add("Gateway:Federation:MaxAccessTokenLifetime must be between 00:01:00 and 12:00:00.");
        }

        if (options.AccessTokenLifetime < FederationDefaults.MinPolicyLifetime || options.AccessTokenLifetime > options.MaxAccessTokenLifetime)
        {
            failures.Add("Gateway:Federation:AccessTokenLifetime must be between 00:01:00 and Gateway:Federation:MaxAccessTokenLifetime.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add("Gateway:Federation:ClockSkew must be between 00:00:00 and 00:05:00.");
        }

        if (options.HttpTimeout <= TimeSpan.Zero || options.HttpTimeout > TimeSpan.FromSeconds(60))
        {
            failures.Add("Gateway:Federation:HttpTimeout must be more than zero and at most 00:01:00.");
        }

        if (options.KeySetLifetime < TimeSpan.FromSeconds(1) || options.KeySetLifetime > TimeSpan.FromDays(1))
        {
            failures.Add("Gateway:Federation:KeySetLifetime must be between 00:00:01 and 1.00:00:00.");
        }

        if (options.KeySetRefreshInterval < TimeSpan.Zero || options.KeySetRefreshInterval > TimeSpan.FromHours(1))
        {
            failures.Add("Gateway:Federation:KeySetRefreshInterval must be between 00:00:00 and 01:00:00.");
        }

        if (options.MaxPoliciesPerAccount is < 1 or > 1000)
        {
            failures.Add("Gateway:Federation:MaxPoliciesPerAccount must be between 1 and 1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
