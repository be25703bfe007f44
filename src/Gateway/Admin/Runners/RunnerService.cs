using Gateway.Accounts;
using Gateway.Accounts.Invalidation;
using Gateway.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Admin.Runners;

/// <summary>
/// Runner credentials (docs/API.md): the first call for a runner provisions its account <c>runner-&lt;runnerId&gt;</c>
/// together with a key; every later call keeps the account and atomically revokes all its keys while adding a new
/// one, so exactly one key of the runner works after each call.
/// </summary>
public sealed partial class RunnerService(
    IAccountStore store, KeyFactory keys, AccountService accounts, IInvalidationPublisher invalidations, TimeProvider time,
    ILogger<RunnerService> logger)
{
    /// <summary>
    /// Provisions or regenerates. 409 <c>conflict</c> when the existing account is disabled or differs from an
    /// explicitly requested project or role set (change those with <c>PATCH</c>, not here).
    /// <paramref name="authorizeExisting"/> judges an existing runner account before anything is changed on it
    /// (it throws to refuse).
    /// </summary>
    public async Task<RunnerCredentials> IssueAsync(RunnerSpec spec, Action<ServiceAccount> authorizeExisting, CancellationToken cancellationToken)
    {
        var existing = await store.FindAccountByNameAsync(spec.OrgId, spec.AccountName, cancellationToken);
        if (existing is null)
        {
            if (await TryProvisionAsync(spec, cancellationToken) is { } provisioned)
            {
                return provisioned;
            }

            // Another call provisioned the account between our lookup and our insert: regenerate on it instead.
            existing = await store.FindAccountByNameAsync(spec.OrgId, spec.AccountName, cancellationToken)
                ?? throw new GatewayProblemException(StatusCodes.Status409Conflict, ErrorCodes.Conflict,
                    $"The account '{spec.AccountName}' was created and removed concurrently; retry.");
        }

        authorizeExisting(existing);
        return await RegenerateAsync(existing, spec, cancellationToken);
    }

    private async Task<RunnerCredentials?> TryProvisionAsync(RunnerSpec spec, CancellationToken cancellationToken)
    {
        var now = time.GetStoreUtcNow();
        var account = new ServiceAccount
        {
            Id = IdGenerator.NewAccountId(),
            Name = spec.AccountName,
            Description = RunnerDefaults.AccountDescription,
            OrgId = spec.OrgId,
            ProjectId = spec.ProjectId,
            Roles = spec.Roles ?? RunnerDefaults.DefaultRoles,
            AllowedCidrs = [],
            Status = AccountStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var issued = keys.Create(account.Id, KeySpecFor(spec));
        try
        {
            await store.CreateAccountWithKeyAsync(account, issued.Key, cancellationToken);
        }
        catch (DuplicateNameException)
        {
            return null;
        }

        await invalidations.PublishAsync(CacheInvalidation.Key(issued.Key.Id), CancellationToken.None);
        LogProvisioned(logger, spec.RunnerId, account.Id, issued.Key.Id);
        return new RunnerCredentials(spec.RunnerId, account, issued, Provisioned: true);
    }

    private async Task<RunnerCredentials> RegenerateAsync(ServiceAccount account, RunnerSpec spec, CancellationToken cancellationToken)
    {
        if (account.Status != AccountStatus.Active)
        {
            throw new GatewayProblemException(StatusCodes.Status409Conflict, ErrorCodes.Conflict,
                $"The runner's account '{account.Id}' is disabled; enable it before issuing credentials.");
        }

        if (spec.ProjectId is not null && !string.Equals(spec.ProjectId, account.ProjectId, StringComparison.Ordinal))
        {
            throw new GatewayProblemException(StatusCodes.Status409Conflict, ErrorCodes.Conflict,
                $"The runner's account '{account.Id}' exists with another project; runner accounts keep their project.");
        }

        if (spec.Roles is not null && !spec.Roles.ToHashSet(StringComparer.Ordinal).SetEquals(account.Roles))
        {
            throw new GatewayProblemException(StatusCodes.Status409Conflict, ErrorCodes.Conflict,
                $"The runner's account '{account.Id}' exists with other roles; change them with PATCH /v1/service-accounts/{account.Id}.");
        }

        var issued = keys.Create(account.Id, KeySpecFor(spec));
        await store.ReplaceAllKeysAsync(account.Id, issued.Key, time.GetStoreUtcNow(), cancellationToken);

        // The previous keys are revoked: every replica must drop them now, not when their cache entries expire.
        await invalidations.PublishAsync(CacheInvalidation.Account(account.Id), CancellationToken.None);
        await invalidations.PublishAsync(CacheInvalidation.Key(issued.Key.Id), CancellationToken.None);
        LogRegenerated(logger, spec.RunnerId, account.Id, issued.Key.Id);
        return new RunnerCredentials(spec.RunnerId, account, issued, Provisioned: false);
    }

    /// <summary>The runner's key: no expiry unless <c>Gateway:Keys:MaxLifetime</c> sets one.</summary>
    private KeySpec KeySpecFor(RunnerSpec spec) =>
        new(spec.Kind, RunnerDefaults.KeyDescription, accounts.ApplyLifetimePolicy(null, time.GetStoreUtcNow()), []);

    [LoggerMessage(EventId = EventIds.Admin.RunnerProvisioned, Level = LogLevel.Information,
        Message = "Provisioned runner {RunnerId}: account {AccountId}, key {KeyId}.")]
    private static partial void LogProvisioned(ILogger logger, string runnerId, string accountId, string keyId);

    [LoggerMessage(EventId = EventIds.Admin.RunnerRegenerated, Level = LogLevel.Information,
        Message = "Regenerated credentials of runner {RunnerId}: account {AccountId}, new key {KeyId}, every earlier key revoked.")]
    private static partial void LogRegenerated(ILogger logger, string runnerId, string accountId, string keyId);
}
