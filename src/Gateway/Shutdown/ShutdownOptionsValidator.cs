using Microsoft.Extensions.Options;

namespace Gateway.Shutdown;

/// <summary>Validates <c>Gateway:Shutdown</c> at start-up; a failure names the key.</summary>
public sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    private static readonly TimeSpan MaxDrainDelay = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options)
    {
        var failures = new List<string>();
        if (options.DrainDelay < TimeSpan.Zero || options.DrainDelay > MaxDrainDelay)
        {
            failures.Add($"{ShutdownOptions.SectionName}:DrainDelay must be between 00:00:00 and 00:05:00.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout)
        {
            failures.Add($"{ShutdownOptions.SectionName}:Timeout must be more than zero and at most 01:00:00.");
        }

        if (options.AuditFlushTimeout <= TimeSpan.Zero || options.AuditFlushTimeout > MaxTimeout)
        {
            failures.Add($"{ShutdownOptions.SectionName}:AuditFlushTimeout must be more than zero and at most 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
