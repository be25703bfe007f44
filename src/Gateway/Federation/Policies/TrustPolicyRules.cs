using Gateway.Accounts.Tokens;
using Gateway.Admin;
using Gateway.Errors;

namespace Gateway.Federation.Policies;

/// <summary>
/// Validation of a new trust policy. Beyond shapes and limits, a policy must pin its tenant: at least one condition
/// on an identifying claim that cannot match another owner's pipelines — <c>repository_owner</c>,
/// <c>repository_owner_id</c>, <c>repository_id</c>, <c>namespace_path</c>, <c>namespace_id</c> or
/// <c>project_id</c> exact, or <c>sub</c>, <c>repository</c>, <c>project_path</c> or <c>job_workflow_ref</c> with a
/// literal part up to a <c>/</c> before any wildcard. Without it a policy would trust every pipeline of a public
/// CI service.
/// </summary>
public static class TrustPolicyRules
{
    /// <summary>Prefix of trust policy ids.</summary>
    public const string IdPrefix = "tp_";

    /// <summary>Most conditions per policy.</summary>
    public const int MaxConditions = 16;

    /// <summary>Longest claim name and longest condition value.</summary>
    public const int MaxClaimNameLength = 64;

    /// <summary>Longest condition value and audience.</summary>
    public const int MaxValueLength = 512;

    private static readonly HashSet<string> ExactPinningClaims =
        ["repository_owner", "repository_owner_id", "repository_id", "namespace_path", "namespace_id", "project_id"];

    private static readonly HashSet<string> PrefixPinningClaims = ["sub", "repository", "project_path", "job_workflow_ref"];

    private static readonly HashSet<string> ReservedClaims = ["iss", "aud", "exp", "nbf", "iat", "jti"];

    /// <summary>A new policy id.</summary>
    public static string NewId() => IdPrefix + Base62.Random(Accounts.IdGenerator.RandomLength);

    /// <summary>Whether <paramref name="id"/> has the shape of a policy id.</summary>
    public static bool IsValidId(string id) => Accounts.IdGenerator.IsValid(id, IdPrefix);

    /// <summary>The policy described by <paramref name="request"/>, or 400 <c>validation_failed</c>.</summary>
    public static TrustPolicy Validate(TrustPolicyRequest request, string accountId, FederationOptions options, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(request.Issuer))
        {
            errors.Add("issuer", "Required.");
        }
        else if (!options.Issuers.Contains(request.Issuer, StringComparer.Ordinal))
        {
            errors.Add("issuer", "Not an allowed issuer (Gateway:Federation:Issuers).");
        }

        if (string.IsNullOrWhiteSpace(request.Audience) || request.Audience.Length > MaxValueLength)
        {
            errors.Add("audience", $"Required, 1-{MaxValueLength} characters.");
        }

        var conditions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Conditions is not { Count: > 0 } requested)
        {
            errors.Add("conditions", "At least one claim condition is required.");
        }
        else if (requested.Count > MaxConditions)
        {
            errors.Add("conditions", $"At most {MaxConditions} conditions.");
        }
        else
        {
            foreach (var (claim, pattern) in requested)
            {
                if (!IsClaimName(claim) || ReservedClaims.Contains(claim))
                {
                    errors.Add("conditions", $"'{Shown(claim)}' is not a claim a condition may name (1-{MaxClaimNameLength} of letters, digits, '_', '-', '.'; not iss/aud/exp/nbf/iat/jti).");
                }
                else if (string.IsNullOrEmpty(pattern) || pattern.Length > MaxValueLength || pattern.Any(char.IsControl))
                {
                    errors.Add("conditions", $"The value of '{claim}' must be 1-{MaxValueLength} printable characters.");
                }
                else
                {
                    conditions[claim] = pattern;
                }
            }

            if (conditions.Count == requested.Count && !conditions.Any(c => Pins(c.Key, c.Value)))
            {
                errors.Add("conditions", "The policy must pin its owner: an exact repository_owner, repository_owner_id, repository_id, namespace_path, namespace_id or project_id, or a sub, repository, project_path or job_workflow_ref with an exact part up to a '/' before any wildcard.");
            }
        }

        var cidrs = AdminValidation.ValidateCidrs("allowedCidrs", request.AllowedCidrs, errors);
        TimeSpan? lifetime = null;
        if (request.MaxTokenLifetime is { } seconds)
        {
            lifetime = TimeSpan.FromSeconds(seconds);
            if (lifetime < FederationDefaults.MinPolicyLifetime || lifetime > options.MaxAccessTokenLifetime)
            {
                errors.Add("maxTokenLifetime", $"Seconds between 60 and {(int)options.MaxAccessTokenLifetime.TotalSeconds}.");
            }
        }

        AdminValidation.ValidateDescription(request.Description, errors);
        errors.ThrowIfAny();
        return new TrustPolicy
        {
            Id = NewId(),
            AccountId = accountId,
            Issuer = request.Issuer!,
            Audience = request.Audience!,
            Conditions = conditions,
            AllowedCidrs = cidrs,
            MaxTokenLifetime = lifetime,
            Description = request.Description,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()),
        };
    }

    private static bool Pins(string claim, string pattern)
    {
        if (ExactPinningClaims.Contains(claim))
        {
            return !ClaimPattern.IsGlob(pattern);
        }

        return PrefixPinningClaims.Contains(claim)
            && (!ClaimPattern.IsGlob(pattern) || ClaimPattern.LiteralPrefix(pattern).IndexOf('/') > 0);
    }

    private static bool IsClaimName(string claim) =>
        claim.Length is > 0 and <= MaxClaimNameLength && claim.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static string Shown(string value) => value.Length <= 64 ? value : value[..64];
}
