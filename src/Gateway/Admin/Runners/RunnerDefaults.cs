using Gateway.Accounts;
using Gateway.Accounts.Roles;

namespace Gateway.Admin.Runners;

/// <summary>Defaults and limits of runner provisioning, in one place.</summary>
public static class RunnerDefaults
{
    /// <summary>Longest runner id: 48 characters (the account name <c>runner-&lt;id&gt;</c> then fits in 64).</summary>
    public const int MaxRunnerIdLength = 48;

    /// <summary>Prefix of a runner's account name.</summary>
    public const string AccountNamePrefix = "runner-";

    /// <summary>Description of the provisioned account.</summary>
    public const string AccountDescription = "Runner account, provisioned by POST /v1/runners/{runnerId}/credentials.";

    /// <summary>Description of each key issued for a runner.</summary>
    public const string KeyDescription = "runner credentials";

    /// <summary>Kind of key issued when the request names none: <see cref="KeyKind.Hmac"/>.</summary>
    public const KeyKind DefaultKind = KeyKind.Hmac;

    /// <summary>Roles of a new runner account when the request names none: <c>executor</c>.</summary>
    public static IReadOnlyList<string> DefaultRoles { get; } = [BuiltInRoles.Executor];
}
