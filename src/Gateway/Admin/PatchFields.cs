using System.Text.Json;
using Gateway.Accounts;
using Gateway.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Admin;

/// <summary>
/// What the PATCH bodies of an account and of a key share: <c>description</c>, <c>rateLimit</c> and <c>quota</c>,
/// each replacing the current value when present (<c>null</c> removes it, absent leaves it), and the 400 for any
/// member the patch does not know.
/// </summary>
public sealed class PatchFields
{
    private bool _hasDescription;
    private string? _description;
    private bool _hasRateLimit;
    private RateLimit? _rateLimit;
    private bool _hasQuota;
    private Quota? _quota;

    /// <summary>Reads and validates <paramref name="property"/> when it is one of the shared members; <c>false</c> for any other.</summary>
    public bool TryRead(JsonProperty property, ValidationErrors errors)
    {
        switch (property.Name)
        {
            case "description":
                _hasDescription = true;
                if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    errors.Add("description", "Must be a string or null.");
                    return true;
                }

                _description = property.Value.GetString();
                AdminValidation.ValidateDescription(_description, errors);
                return true;
            case "rateLimit":
                _hasRateLimit = true;
                _rateLimit = RateLimiting.LimitValidation.Read<RateLimit>(property.Value, "rateLimit", errors);
                RateLimiting.LimitValidation.Validate(_rateLimit, errors);
                return true;
            case "quota":
                _hasQuota = true;
                _quota = RateLimiting.LimitValidation.Read<Quota>(property.Value, "quota", errors);
                RateLimiting.LimitValidation.Validate(_quota, errors);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The description after the patch.</summary>
    public string? Description(string? current) => _hasDescription ? _description : current;

    /// <summary>The rate limit after the patch.</summary>
    public RateLimit? RateLimit(RateLimit? current) => _hasRateLimit ? _rateLimit : current;

    /// <summary>The quota after the patch.</summary>
    public Quota? Quota(Quota? current) => _hasQuota ? _quota : current;

    /// <summary>
    /// The 400 <c>invalid_request</c> for member <paramref name="name"/>: "cannot be changed" (and
    /// <paramref name="immutableHint"/>) when it is one of <paramref name="immutable"/>, "unknown" otherwise.
    /// </summary>
    public static GatewayProblemException Refused(string name, string[] immutable, string immutableHint = "")
    {
        var shown = name.Length <= 64 ? name : name[..64];
        return new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
            immutable.Contains(name)
                ? $"Field '{shown}' cannot be changed{immutableHint}."
                : $"Unknown field '{shown}'.");
    }
}
