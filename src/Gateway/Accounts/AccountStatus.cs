namespace Gateway.Accounts;

/// <summary>Lifecycle state of a service account. Only <see cref="Active"/> accounts authenticate.</summary>
public enum AccountStatus
{
    /// <summary>The account's keys authenticate (subject to their own status and expiry).</summary>
    Active,

    /// <summary>Every key of the account fails with <c>account_disabled</c> until it is enabled again.</summary>
    Disabled,
}
