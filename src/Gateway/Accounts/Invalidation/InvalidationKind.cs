namespace Gateway.Accounts.Invalidation;

/// <summary>What a <see cref="CacheInvalidation"/> makes replicas forget.</summary>
public enum InvalidationKind
{
    /// <summary>One key (created, revoked, renewed): its cached credential and any "unknown" answer.</summary>
    Key,

    /// <summary>Every cached key of one account (status, roles, CIDRs changed, or deleted).</summary>
    Account,

    /// <summary>The custom roles: every replica reloads its role registry.</summary>
    Roles,

    /// <summary>Everything: the whole cache, and the roles (after a migration or a restore).</summary>
    All,
}
