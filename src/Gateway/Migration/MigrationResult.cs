namespace Gateway.Migration;

/// <summary>What a copy from the embedded store into Redis did; re-running it only adds to the "already present" counts.</summary>
public sealed record MigrationResult
{
    /// <summary>Accounts written to Redis.</summary>
    public int AccountsCopied { get; init; }

    /// <summary>Accounts already in Redis (same id), left as they are.</summary>
    public int AccountsSkipped { get; init; }

    /// <summary>Accounts not copied because another account already holds their name in their org in Redis.</summary>
    public int AccountConflicts { get; init; }

    /// <summary>Keys written to Redis (revoked ones included, with their revocation time).</summary>
    public int KeysCopied { get; init; }

    /// <summary>Keys already in Redis, left as they are.</summary>
    public int KeysSkipped { get; init; }

    /// <summary>Custom roles written to Redis.</summary>
    public int RolesCopied { get; init; }

    /// <summary>Custom roles already in Redis, left as they are.</summary>
    public int RolesSkipped { get; init; }

    /// <summary>Trust policies (workload identity federation) written to Redis, with their ids.</summary>
    public int PoliciesCopied { get; init; }

    /// <summary>Trust policies already in Redis (same id), left as they are.</summary>
    public int PoliciesSkipped { get; init; }

    /// <summary>What happened to the identity-token signing keys.</summary>
    public IdentityKeysMigrated IdentityKeys { get; init; }

    /// <summary>One line per count, for the command's output.</summary>
    public override string ToString() =>
        $"accounts: {AccountsCopied} copied, {AccountsSkipped} already present, {AccountConflicts} name conflicts\n" +
        $"keys:     {KeysCopied} copied, {KeysSkipped} already present\n" +
        $"roles:    {RolesCopied} copied, {RolesSkipped} already present\n" +
        $"policies: {PoliciesCopied} copied, {PoliciesSkipped} already present\n" +
        $"identity-token keys: {IdentityKeys switch
        {
            IdentityKeysMigrated.Copied => "copied",
            IdentityKeysMigrated.AlreadyPresent => "already present in Redis, left as they are",
            _ => "none to copy",
        }}";
}
