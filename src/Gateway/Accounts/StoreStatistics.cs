namespace Gateway.Accounts;

/// <summary>Counts for the operators' gauges.</summary>
/// <param name="ActiveAccounts">Accounts with status active.</param>
/// <param name="ActiveKeys">Keys neither revoked nor expired.</param>
public sealed record StoreStatistics(long ActiveAccounts, long ActiveKeys);
