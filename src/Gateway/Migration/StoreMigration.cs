using Gateway.Accounts;
using Gateway.Federation.Store;
using Gateway.IdentityToken;

namespace Gateway.Migration;

/// <summary>
/// Copies accounts, keys and custom roles from one <see cref="IAccountStore"/> to another, keeping every id, hash,
/// sealed secret and timestamp, so no key is re-issued; with trust policy stores, each copied account's trust
/// policies (same ids), and with identity key stores, the sealed identity-token signing-key document when the target
/// has none. Idempotent: anything whose id already exists in the target is skipped, so an interrupted run is
/// completed by running it again.
/// </summary>
public sealed class StoreMigration(
    IAccountStore source,
    IAccountStore target,
    ITrustPolicyStore? sourcePolicies = null,
    ITrustPolicyStore? targetPolicies = null,
    IIdentityKeyStore? sourceIdentityKeys = null,
    IIdentityKeyStore? targetIdentityKeys = null)
{
    /// <summary>Copies everything not yet in the target.</summary>
    public async Task<MigrationResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = new MigrationResult();
        var existingRoles = (await target.ListRolesAsync(cancellationToken)).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var role in await source.ListRolesAsync(cancellationToken))
        {
            if (existingRoles.Contains(role.Name))
            {
                result = result with { RolesSkipped = result.RolesSkipped + 1 };
                continue;
            }

            await target.PutRoleAsync(role, cancellationToken);
            result = result with { RolesCopied = result.RolesCopied + 1 };
        }

        AccountCursor? after = null;
        do
        {
            var page = await source.ListAccountsAsync(new AccountQuery { Limit = AccountDefaults.MaxPageSize, After = after }, cancellationToken);
            foreach (var account in page.Items)
            {
                result = await CopyAccountAsync(account, result, cancellationToken);
            }

            after = page.Next;
        }
        while (after is not null);

        return await CopyIdentityKeysAsync(result, cancellationToken);
    }

    private async Task<MigrationResult> CopyIdentityKeysAsync(MigrationResult result, CancellationToken cancellationToken)
    {
        if (sourceIdentityKeys is null || targetIdentityKeys is null
            || await sourceIdentityKeys.ReadAsync(cancellationToken) is not { Length: > 0 } document)
        {
            return result;
        }

        // Only into an empty place: replicas that already sign with keys of their own keep them.
        return result with
        {
            IdentityKeys = await targetIdentityKeys.TryReplaceAsync(null, document, cancellationToken)
                ? IdentityKeysMigrated.Copied
                : IdentityKeysMigrated.AlreadyPresent,
        };
    }

    private async Task<MigrationResult> CopyAccountAsync(ServiceAccount account, MigrationResult result, CancellationToken cancellationToken)
    {
        if (await target.GetAccountAsync(account.Id, cancellationToken) is null)
        {
            try
            {
                await target.CreateAccountAsync(account, cancellationToken);
                result = result with { AccountsCopied = result.AccountsCopied + 1 };
            }
            catch (DuplicateNameException)
            {
                return result with { AccountConflicts = result.AccountConflicts + 1 };
            }
        }
        else
        {
            result = result with { AccountsSkipped = result.AccountsSkipped + 1 };
        }

        foreach (var key in await source.ListKeysAsync(account.Id, cancellationToken))
        {
            if (await target.GetKeyAsync(key.Id, cancellationToken) is not null)
            {
                result = result with { KeysSkipped = result.KeysSkipped + 1 };
                continue;
            }

            await target.CreateKeyAsync(key, cancellationToken);
            result = result with { KeysCopied = result.KeysCopied + 1 };
        }

        return await CopyPoliciesAsync(account, result, cancellationToken);
    }

    private async Task<MigrationResult> CopyPoliciesAsync(ServiceAccount account, MigrationResult result, CancellationToken cancellationToken)
    {
        if (sourcePolicies is null || targetPolicies is null)
        {
            return result;
        }

        foreach (var policy in await sourcePolicies.ListByAccountAsync(account.Id, cancellationToken))
        {
            if (await targetPolicies.GetAsync(policy.Id, cancellationToken) is not null)
            {
                result = result with { PoliciesSkipped = result.PoliciesSkipped + 1 };
                continue;
            }

            // No per-account limit here: what the embedded node holds is copied whatever the limit is now.
            if (await targetPolicies.CreateAsync(policy, int.MaxValue, cancellationToken) == TrustPolicyCreateResult.Created)
            {
                result = result with { PoliciesCopied = result.PoliciesCopied + 1 };
            }
        }

        return result;
    }
}
