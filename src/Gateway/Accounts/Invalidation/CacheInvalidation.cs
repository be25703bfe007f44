namespace Gateway.Accounts.Invalidation;

/// <summary>
/// A change every replica must apply to its caches, and its wire form on the pub/sub channel: <c>k:ak_…</c>
/// (key), <c>a:sa_…</c> (account), <c>r</c> (roles), <c>*</c> (all).
/// </summary>
/// <param name="Kind">What to forget.</param>
/// <param name="Id">The key or account id; empty for <see cref="InvalidationKind.Roles"/> and <see cref="InvalidationKind.All"/>.</param>
public readonly record struct CacheInvalidation(InvalidationKind Kind, string Id)
{
    /// <summary>Forget one key.</summary>
    public static CacheInvalidation Key(string keyId) => new(InvalidationKind.Key, keyId);

    /// <summary>Forget every key of one account.</summary>
    public static CacheInvalidation Account(string accountId) => new(InvalidationKind.Account, accountId);

    /// <summary>Reload the custom roles.</summary>
    public static CacheInvalidation Roles { get; } = new(InvalidationKind.Roles, "");

    /// <summary>Forget everything.</summary>
    public static CacheInvalidation All { get; } = new(InvalidationKind.All, "");

    /// <summary>The wire form.</summary>
    public override string ToString() => Kind switch
    {
        InvalidationKind.Key => "k:" + Id,
        InvalidationKind.Account => "a:" + Id,
        InvalidationKind.Roles => "r",
        _ => "*",
    };

    /// <summary>Parses the wire form; <c>false</c> for anything else (ignored by receivers).</summary>
    public static bool TryParse(string? message, out CacheInvalidation invalidation)
    {
        invalidation = default;
        switch (message)
        {
            case "r":
                invalidation = Roles;
                return true;
            case "*":
                invalidation = All;
                return true;
            case ['k', ':', .. var keyId] when IdGenerator.IsValid(keyId, IdGenerator.KeyPrefix):
                invalidation = Key(keyId);
                return true;
            case ['a', ':', .. var accountId] when IdGenerator.IsValid(accountId, IdGenerator.AccountPrefix):
                invalidation = Account(accountId);
                return true;
            default:
                return false;
        }
    }
}
