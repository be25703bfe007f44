namespace Gateway.Accounts;

/// <summary>A key together with the account that owns it: everything authentication needs from one lookup.</summary>
/// <param name="Key">The key presented by the caller.</param>
/// <param name="Account">Its owning account.</param>
public sealed record Credential(ApiKey Key, ServiceAccount Account);
