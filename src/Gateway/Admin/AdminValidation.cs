using Gateway.Accounts;
using Gateway.Accounts.Roles;
using Gateway.Admin.Contracts;
using Gateway.Errors;

namespace Gateway.Admin;

/// <summary>Turns admin request bodies into validated domain inputs; every problem names its JSON field.</summary>
public sealed class AdminValidation(IRoleResolver roles, TimeProvider time)
{
    /// <summary>Validates a create-account body.</summary>
    public NewAccount Validate(CreateServiceAccountRequest request)
    {
        var errors = new ValidationErrors();
        if (!NameRules.IsValidIdentifier(request.Name))
        {
            errors.Add("name", "Required: 1-64 characters of letters, digits, '.', '-' or '_', starting with a letter or digit.");
        }

        if (!NameRules.IsValidIdentifier(request.OrgId))
        {
            errors.Add("orgId", "Required: 1-64 characters of letters, digits, '.', '-' or '_', starting with a letter or digit.");
        }

        if (request.ProjectId is not null && !NameRules.IsValidIdentifier(request.ProjectId))
        {
            errors.Add("projectId", "1-64 characters of letters, digits, '.', '-' or '_', starting with a letter or digit.");
        }

        ValidateDescription(request.Description, errors);
        var roleList = ValidateRoles(request.Roles, errors);
        var cidrs = ValidateCidrs("allowedCidrs", request.AllowedCidrs, errors);
        RateLimiting.LimitValidation.Validate(request.RateLimit, errors);
        RateLimiting.LimitValidation.Validate(request.Quota, errors);
        errors.ThrowIfAny();
        return new NewAccount(request.Name!, request.Description, request.OrgId!, request.ProjectId, roleList, cidrs,
            request.RateLimit, request.Quota);
    }

    /// <summary>Validates a create-key body.</summary>
    public KeySpec Validate(CreateKeyRequest request)
    {
        var errors = new ValidationErrors();
        var kind = KeyKind.Bearer;
        switch (request.Kind)
        {
            case null or KeyKindNames.Bearer:
                break;
            case KeyKindNames.Hmac:
                kind = KeyKind.Hmac;
                break;
            default:
                errors.Add("kind", "Must be 'bearer' or 'hmac'.");
                break;
        }

        ValidateDescription(request.Description, errors);
        ValidateExpiry(request.ExpiresAt, errors);
        var cidrs = ValidateCidrs("allowedCidrs", request.AllowedCidrs, errors);
        RateLimiting.LimitValidation.Validate(request.RateLimit, errors);
        RateLimiting.LimitValidation.Validate(request.Quota, errors);
        errors.ThrowIfAny();
        return new KeySpec(kind, request.Description, Truncate(request.ExpiresAt), cidrs, request.RateLimit, request.Quota);
    }

    /// <summary>Validates the optional expiry of a renewal.</summary>
    public DateTimeOffset? Validate(RenewKeyRequest? request)
    {
        var errors = new ValidationErrors();
        ValidateExpiry(request?.ExpiresAt, errors);
        errors.ThrowIfAny();
        return Truncate(request?.ExpiresAt);
    }

    /// <summary>Checks a description: at most 1024 characters, no control characters.</summary>
    public static void ValidateDescription(string? description, ValidationErrors errors)
    {
        if (description is not null
            && (description.Length > AccountDefaults.MaxDescriptionLength || description.Any(char.IsControl)))
        {
            errors.Add("description", $"At most {AccountDefaults.MaxDescriptionLength} characters, without control characters.");
        }
    }

    /// <summary>Checks role names exist; returns them de-duplicated.</summary>
    public IReadOnlyList<string> ValidateRoles(string[]? requested, ValidationErrors errors)
    {
        if (requested is null)
        {
            return [];
        }

        if (requested.Length > AccountDefaults.MaxRoles)
        {
            errors.Add("roles", $"At most {AccountDefaults.MaxRoles} roles.");
            return [];
        }

        for (var i = 0; i < requested.Length; i++)
        {
            if (requested[i] is not { } role || !roles.Exists(role))
            {
                errors.Add($"roles[{i}]", $"Unknown role '{Shorten(requested[i])}'.");
            }
        }

        return requested.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Checks and normalises CIDR blocks; returns them de-duplicated.</summary>
    public static IReadOnlyList<string> ValidateCidrs(string field, string[]? requested, ValidationErrors errors)
    {
        if (requested is null)
        {
            return [];
        }

        if (requested.Length > AccountDefaults.MaxCidrs)
        {
            errors.Add(field, $"At most {AccountDefaults.MaxCidrs} entries.");
            return [];
        }

        var result = new List<string>(requested.Length);
        for (var i = 0; i < requested.Length; i++)
        {
            if (NameRules.TryNormalizeCidr(requested[i], out var cidr))
            {
                if (!result.Contains(cidr))
                {
                    result.Add(cidr);
                }
            }
            else
            {
                errors.Add($"{field}[{i}]", $"'{Shorten(requested[i])}' is not a CIDR block such as 10.0.0.0/8 or 2001:db8::/32 (no host bits set).");
            }
        }

        return result;
    }

    private void ValidateExpiry(DateTimeOffset? expiresAt, ValidationErrors errors)
    {
        if (expiresAt is { } expiry && expiry <= time.GetUtcNow())
        {
            errors.Add("expiresAt", "Must be in the future.");
        }
    }

    private static DateTimeOffset? Truncate(DateTimeOffset? value) =>
        value is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v.ToUnixTimeMilliseconds()) : null;

    private static string Shorten(string? value) =>
        value is null ? "null" : value.Length <= 64 ? value : value[..64] + "…";
}
