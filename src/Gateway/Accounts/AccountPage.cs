namespace Gateway.Accounts;

/// <summary>One page of accounts and the position to continue from.</summary>
/// <param name="Items">The accounts on this page.</param>
/// <param name="Next">Where the next page starts; <c>null</c> on the last page.</param>
public sealed record AccountPage(IReadOnlyList<ServiceAccount> Items, AccountCursor? Next);
