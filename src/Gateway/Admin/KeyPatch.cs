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

    private readonly PatchFields _fields = new();

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
            if (!patch._fields.TryRead(property, errors))
            {
                throw PatchFields.Refused(property.Name, Immutable, "; renew the key instead");
            }
        }

        errors.ThrowIfAny();
        return patch;
    }

    /// <summary>The key with this patch applied.</summary>
    public ApiKey ApplyTo(ApiKey key) => key with
    {
        Description = _fields.Description(key.Description),
        RateLimit = _fields.RateLimit(key.RateLimit),
        Quota = _fields.Quota(key.Quota),
    };
}
