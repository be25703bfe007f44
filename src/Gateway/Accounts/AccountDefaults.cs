namespace Gateway.Accounts;

/// <summary>Defaults and limits of the accounts feature, in one place.</summary>
public static class AccountDefaults
{
    /// <summary>Page size when the client gives none: 50.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>Largest page a client may ask for: 200.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Longest account name, org id or project id: 64 characters.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest description: 1024 characters.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>Most roles on one account: 32.</summary>
    public const int MaxRoles = 32;

    /// <summary>Most CIDR entries on one account or key: 64.</summary>
    public const int MaxCidrs = 64;

    /// <summary>Most keys one account may hold that are not revoked: 20.</summary>
    public const int MaxActiveKeysPerAccount = 20;

    /// <summary>Name of the account created on first start with an empty store.</summary>
    public const string BootstrapAccountName = "bootstrap-admin";

    /// <summary>File, under the data directory, that receives the bootstrap admin's token.</summary>
    public const string BootstrapKeyFileName = "bootstrap-admin.key";
}
