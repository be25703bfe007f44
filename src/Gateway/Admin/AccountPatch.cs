using System.Text.Json;
using Gateway.Accounts;
using Gateway.Errors;

namespace Gateway.Admin;

/// <summary>
/// A validated <c>PATCH /v1/service-accounts/{id}</c> body: members present replace the current value
/// (<c>description: null</c> clears it); <c>name</c>, <c>orgId</c> and <c>projectId</c> are immutable.
/// </summary>
public sealed class AccountPatch
{
    private static readonly string[] Immutable = ["id", "name", "orgId", "projectId", "createdAt", "updatedAt"];

    private readonly PatchFields _fields = new();
    private IReadOnlyList<string>? _roles;
    private IReadOnlyList<string>? _cidrs;
    private AccountStatus? _status;

    /// <summary>The roles the patch sets; <c>null</c> when it leaves them.</summary>
    public IReadOnlyList<string>? Roles => _roles;

    /// <summary><c>true</c> when the patch changes what only another administrator may change on an account: roles, status or allowed CIDRs.</summary>
    public bool ChangesPrivileges => _roles is not null || _status is not null || _cidrs is not null;

    /// <summary>Parses and validates <paramref name="document"/>.</summary>
    public static AccountPatch Parse(JsonDocument document, AdminValidation validation)
    {
        var patch = new AccountPatch();
        var errors = new ValidationErrors();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            switch (property.Name)
            {
                case "roles":
                    patch._roles = validation.ValidateRoles(StringArray(property, errors), errors);
                    break;
                case "allowedCidrs":
                    patch._cidrs = AdminValidation.ValidateCidrs("allowedCidrs", StringArray(property, errors), errors);
                    break;
                case "status":
                    patch._status = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() switch
                    {
                        "active" => AccountStatus.Active,
                        "disabled" => AccountStatus.Disabled,
                        _ => null,
                    } : null;
                    if (patch._status is null)
                    {
                        errors.Add("status", "Must be 'active' or 'disabled'.");
                    }

                    break;
                default:
                    if (!patch._fields.TryRead(property, errors))
                    {
                        throw PatchFields.Refused(property.Name, Immutable);
                    }

                    break;
            }
        }

        errors.ThrowIfAny();
        return patch;
    }

    /// <summary>The account with this patch applied.</summary>
    public ServiceAccount ApplyTo(ServiceAccount account) => account with
    {
        Description = _fields.Description(account.Description),
        Roles = _roles ?? account.Roles,
        AllowedCidrs = _cidrs ?? account.AllowedCidrs,
        Status = _status ?? account.Status,
        RateLimit = _fields.RateLimit(account.RateLimit),
        Quota = _fields.Quota(account.Quota),
    };

    private static string[]? StringArray(JsonProperty property, ValidationErrors errors)
    {
        if (property.Value.ValueKind != JsonValueKind.Array
            || property.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            errors.Add(property.Name, "Must be an array of strings.");
            return null;
        }

        return property.Value.EnumerateArray().Select(e => e.GetString()!).ToArray();
    }
}
