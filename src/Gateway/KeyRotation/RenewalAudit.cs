using Gateway.Accounts;
using Gateway.Audit;
using Gateway.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.KeyRotation;

/// <summary>The admin endpoint's part of a renewal with a grace period: the request field and the audit details.</summary>
public static class RenewalAudit
{
    /// <summary>The grace period of the request (zero when absent); 400 <c>validation_failed</c> naming <c>gracePeriod</c> when malformed.</summary>
    public static TimeSpan ValidateGrace(string? gracePeriod)
    {
        var errors = new ValidationErrors();
        var grace = RenewalGrace.Parse(gracePeriod, errors);
        errors.ThrowIfAny();
        return grace;
    }

    /// <summary>Adds the grace, the old key's revocation time and the new key's id to the renewal's audit event.</summary>
    public static void Record(HttpContext http, IssuedKey issued, TimeSpan grace)
    {
        if (grace <= TimeSpan.Zero)
        {
            return;
        }

        AdminAuditFilter.SetDetails(http, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["gracePeriod"] = RenewalGrace.Format(grace),
            ["revokesAt"] = (issued.Key.CreatedAt + grace).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["newKeyId"] = issued.Key.Id,
        });
    }
}
