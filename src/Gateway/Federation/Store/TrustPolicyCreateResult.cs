namespace Gateway.Federation.Store;

/// <summary>Outcome of <see cref="ITrustPolicyStore.CreateAsync"/>.</summary>
public enum TrustPolicyCreateResult
{
    /// <summary>Stored.</summary>
    Created,

    /// <summary>The account has the most policies it may have; nothing stored.</summary>
    LimitReached,

    /// <summary>The account does not exist; nothing stored.</summary>
    AccountNotFound,
}
