using System.Text.Json;
using Gateway.Accounts;
using Gateway.Errors;
using Gateway.Serialization;

namespace Gateway.RateLimiting;

/// <summary>Validates the <c>rateLimit</c> and <c>quota</c> members of admin API bodies (accounts and keys).</summary>
public static class LimitValidation
{
    /// <summary>Adds an error per problem with <paramref name="rateLimit"/> (JSON member <paramref name="field"/>).</summary>
    public static void Validate(RateLimit? rateLimit, ValidationErrors errors, string field = "rateLimit")
    {
        if (rateLimit is null)
        {
            return;
        }

        if ((rateLimit.RequestsPerSecond is null) == (rateLimit.RequestsPerMinute is null))
        {
            errors.Add(field, "Set exactly one of requestsPerSecond or requestsPerMinute.");
        }

        InRange(rateLimit.RequestsPerSecond, $"{field}.requestsPerSecond", errors);
        InRange(rateLimit.RequestsPerMinute, $"{field}.requestsPerMinute", errors);
        InRange(rateLimit.Burst, $"{field}.burst", errors);
    }

    /// <summary>Adds an error per problem with <paramref name="quota"/> (JSON member <paramref name="field"/>).</summary>
    public static void Validate(Quota? quota, ValidationErrors errors, string field = "quota")
    {
        if (quota is null)
        {
            return;
        }

        if ((quota.PerDay is null) == (quota.PerMonth is null))
        {
            errors.Add(field, "Set exactly one of perDay or perMonth.");
        }

        foreach (var (value, name) in new[] { (quota.PerDay, "perDay"), (quota.PerMonth, "perMonth") })
        {
            if (value is < 1 or > Quota.MaxValue)
            {
                errors.Add($"{field}.{name}", $"Must be between 1 and {Quota.MaxValue}.");
            }
        }
    }

    /// <summary>
    /// Reads a PATCH member: <c>null</c> clears (returns <c>null</c>), an object sets; anything else is an error.
    /// Unknown members inside the object are errors too.
    /// </summary>
    public static T? Read<T>(JsonElement value, string field, ValidationErrors errors) where T : class
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, "Must be an object or null.");
            return null;
        }

        try
        {
            return value.Deserialize<T>(GatewayJson.Options);
        }
        catch (JsonException)
        {
            errors.Add(field, "Has an unknown member or a value of the wrong type.");
            return null;
        }
    }

    private static void InRange(int? value, string field, ValidationErrors errors)
    {
        if (value is < 1 or > RateLimit.MaxValue)
        {
            errors.Add(field, $"Must be between 1 and {RateLimit.MaxValue}.");
        }
    }
}
