using System.Text.Json;
using Gateway.Accounts;
using Gateway.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Admin;

/// <summary>
/// A validated <c>PATCH /v1/service-accounts/{id}/keys/{keyId}</c> body: <c>description</c>, <c>rateLimit</c> and
/// <c>quota</c> when present replace the current value (<c>null</c> removes it); absent ones stay. Every other field
/// (the secret, kind, expiry, CIDRs) is refused: those change by renewing the key.
/// </summary>
public sealed class KeyPatch
{
    private static readonly string[] Immutable =
        ["id", "accountId", "kind", "fingerprint", "expiresAt", "allowedCidrs", "createdAt", "lastUsedAt", "revokedAt", "revokesAt", "status"];

    private bool _hasDescription;
    private string? _description;
    private bool _hasRateLimit;
    private RateLimit? _rateLimit;
    private bool _hasQuota;
    private Quota? _quota;

    /// <summary>Parses and validates <paramref name="document"/> with the rules of key creation.</summary>
    public static KeyPatch Parse(JsonDocument document)
    {
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, "The body must be a JSON object.");
        }

        var patch = new KeyPatch();
        var errors = new ValidationErrors();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            switch (property.Name)
            {
                case "description":
                    patch._hasDescription = true;
                    if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    {
                        errors.Add("description", "Must be a string or null.");
                        break;
                    }

                    patch._description = property.Value.GetString();
                    AdminValidation.ValidateDescription(patch._description, errors);
                    break;
                case "rateLimit":
                    patch._hasRateLimit = true;
                    patch._rateLimit = RateLimiting.LimitValidation.Read<RateLimit>(property.Value, "rateLimit", errors);
                    RateLimiting.LimitValidation.Validate(patch._rateLimit, errors);
                    break;
                case "quota":
                    patch._hasQuota = true;
                    patch._quota = RateLimiting.LimitValidation.Read<Quota>(property.Value, "quota", errors);
                    RateLimiting.LimitValidation.Validate(patch._quota, errors);
                    break;
                default:
                    var name = property.Name.Length <= 64 ? property.Name : property.Name[..64];
                    throw new GatewayProblemException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                        Immutable.Contains(property.Name)
                            ? $"Field '{name}' cannot be changed; renew the key instead."
                            : $"Unknown field '{name}'.");
            }
        }

        errors.ThrowIfAny();
        return patch;
    }

    /// <summary>The key with this patch applied.</summary>
    public ApiKey ApplyTo(ApiKey key) => key with
    {
        Description = _hasDescription ? _description : key.Description,
        RateLimit = _hasRateLimit ? _rateLimit : key.RateLimit,
        Quota = _hasQuota ? _quota : key.Quota,
    };
}
