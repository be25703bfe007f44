using Microsoft.Extensions.Options;

namespace Gateway.Audit;

/// <summary>Validates <c>Gateway:Audit</c>: queue, batch, linger, usage interval and retention within their documented bounds.</summary>
public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var failures = new List<string>();
        Validate(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds the failures of <paramref name="audit"/> to <paramref name="failures"/>.</summary>
    public static void Validate(AuditOptions audit, List<string> failures)
    {
        if (audit.QueueCapacity < 1)
        {
            failures.Add("Gateway:Audit:QueueCapacity must be at least 1.");
        }

        if (audit.BatchSize is < 1 or > 10_000)
        {
            failures.Add("Gateway:Audit:BatchSize must be between 1 and 10000.");
        }

        if (audit.Linger < TimeSpan.FromMilliseconds(1) || audit.Linger > TimeSpan.FromSeconds(10))
        {
            failures.Add("Gateway:Audit:Linger must be between 00:00:00.001 and 00:00:10.");
        }

        if (audit.UsageInterval < TimeSpan.FromMilliseconds(1) || audit.UsageInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("Gateway:Audit:UsageInterval must be between 00:00:00.001 and 00:01:00.");
        }

        if (audit.Retention < TimeSpan.FromHours(1))
        {
            failures.Add("Gateway:Audit:Retention must be at least 01:00:00.");
        }
    }
}
