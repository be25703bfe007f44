using Gateway.Accounts;
using Gateway.Admin.Contracts;
using Gateway.Errors;

namespace Gateway.Admin.Runners;

/// <summary>A validated runner credentials request.</summary>
/// <param name="RunnerId">1-48 of <c>[A-Za-z0-9._-]</c>.</param>
/// <param name="OrgId">The org of the runner's account.</param>
/// <param name="ProjectId">The project asked for; <c>null</c> when the request named none.</param>
/// <param name="Roles">The roles asked for; <c>null</c> when the request named none.</param>
/// <param name="Kind">Kind of the key to issue.</param>
public sealed record RunnerSpec(string RunnerId, string OrgId, string? ProjectId, IReadOnlyList<string>? Roles, KeyKind Kind)
{
    /// <summary>The runner's account name, <c>runner-&lt;runnerId&gt;</c>.</summary>
    public string AccountName => RunnerDefaults.AccountNamePrefix + RunnerId;

    /// <summary><c>true</c> for 1-48 characters of ASCII letters, digits, <c>.</c>, <c>-</c> and <c>_</c>.</summary>
    public static bool IsValidRunnerId(string? runnerId) =>
        !string.IsNullOrEmpty(runnerId)
        && runnerId.Length <= RunnerDefaults.MaxRunnerIdLength
        && runnerId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    /// <summary>
    /// Validates <paramref name="runnerId"/> and <paramref name="request"/>; throws one 400 <c>validation_failed</c>
    /// naming every bad field. <paramref name="defaultOrg"/> is used when the request names no org.
    /// </summary>
    public static RunnerSpec Create(string runnerId, RunnerCredentialsRequest request, AdminValidation validation, string defaultOrg)
    {
        var errors = new ValidationErrors();
        if (!IsValidRunnerId(runnerId))
        {
            errors.Add("runnerId", $"1-{RunnerDefaults.MaxRunnerIdLength} characters of letters, digits, '.', '-' or '_'.");
        }

        if (request.OrgId is not null && !NameRules.IsValidIdentifier(request.OrgId))
        {
            errors.Add("orgId", "1-64 characters of letters, digits, '.', '-' or '_', starting with a letter or digit.");
        }

        if (request.ProjectId is not null && !NameRules.IsValidIdentifier(request.ProjectId))
        {
            errors.Add("projectId", "1-64 characters of letters, digits, '.', '-' or '_', starting with a letter or digit.");
        }

        var roles = request.Roles is null ? null : validation.ValidateRoles(request.Roles, errors);
        var kind = RunnerDefaults.DefaultKind;
        switch (request.Kind)
        {
            case null:
                break;
            case KeyKindNames.Hmac:
                kind = KeyKind.Hmac;
                break;
            case KeyKindNames.Bearer:
                kind = KeyKind.Bearer;
                break;
            default:
                errors.Add("kind", "Must be 'hmac' or 'bearer'.");
                break;
        }

        errors.ThrowIfAny();
        return new RunnerSpec(runnerId, request.OrgId ?? defaultOrg, request.ProjectId, roles, kind);
    }
}
