using Gateway.Accounts.Invalidation;
using Gateway.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts;

/// <summary>
/// The service-account lifecycle behind the admin API: the business rules (uniqueness, key limits, cascade,
/// renewal) over an <see cref="IAccountStore"/>. Inputs are already validated for shape. Every committed change
/// that affects authentication is published (<see cref="IInvalidationPublisher"/>), so it takes effect on every
/// replica's credential cache at once.
/// </summary>
public sealed class AccountService(
    IAccountStore store, KeyFactory keys, IOptions<KeysOptions> options, IInvalidationPublisher invalidations, TimeProvider time)
{
    /// <summary>Creates an account; 409 <c>conflict</c> when the name is taken in the org.</summary>
    public async Task<ServiceAccount> CreateAccountAsync(NewAccount request, CancellationToken cancellationToken)
    {
        var now = time.GetStoreUtcNow();
        var account = new ServiceAccount
        {
            Id = IdGenerator.NewAccountId(),
            Name = request.Name,
            Description = request.Description,
            OrgId = request.OrgId,
            ProjectId = request.ProjectId,
            Roles = request.Roles,
            AllowedCidrs = request.AllowedCidrs,
            RateLimit = request.RateLimit,
            Quota = request.Quota,
            Status = AccountStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        try
        {
            await store.CreateAccountAsync(account, cancellationToken);
        }
        catch (DuplicateNameException)
        {
            throw new GatewayProblemException(StatusCodes.Status409Conflict, ErrorCodes.Conflict,
                $"An account named '{request.Name}' already exists in org '{request.OrgId}'.");
        }

        return account;
    }

    /// <summary>The account; 404 when it does not exist.</summary>
    public async Task<ServiceAccount> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        await store.GetAccountAsync(accountId, cancellationToken) ?? throw AccountNotFound(accountId);

    /// <summary>Applies <paramref name="change"/> to the account and stores it; 404 when it does not exist.</summary>
    public async Task<ServiceAccount> UpdateAccountAsync(
        string accountId, Func<ServiceAccount, ServiceAccount> change, CancellationToken cancellationToken)
    {
        var current = await GetAccountAsync(accountId, cancellationToken);
        var updated = change(current) with { Id = current.Id, UpdatedAt = time.GetStoreUtcNow() };
        if (!await store.UpdateAccountAsync(updated, cancellationToken))
        {
            throw AccountNotFound(accountId);
        }

        await invalidations.PublishAsync(CacheInvalidation.Account(accountId), CancellationToken.None);
        return updated;
    }

    /// <summary>Revokes every key of the account and removes it, in one transaction; 404 when it does not exist.</summary>
    public async Task DeleteAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAccountAsync(accountId, cancellationToken))
        {
            throw AccountNotFound(accountId);
        }

        await invalidations.PublishAsync(CacheInvalidation.Account(accountId), CancellationToken.None);
    }

    /// <summary>Issues a key for the account; 404 without the account, 409 when it holds too many live keys.</summary>
    public async Task<IssuedKey> CreateKeyAsync(string accountId, KeySpec spec, CancellationToken cancellationToken)
    {
        await GetAccountAsync(accountId, cancellationToken);
        var existing = await store.ListKeysAsync(accountId, cancellationToken);
        var now = time.GetStoreUtcNow();
        if (existing.Count(k => k.StatusAt(now) == KeyStatus.Active) >= AccountDefaults.MaxActiveKeysPerAccount)
        {
            throw new GatewayProblemException(StatusCodes.Status409Conflict, ErrorCodes.Conflict,
                $"The account already holds {AccountDefaults.MaxActiveKeysPerAccount} active keys; revoke one first.");
        }

        var issued = keys.Create(accountId, spec with { ExpiresAt = ApplyLifetimePolicy(spec.ExpiresAt, now) });
        await store.CreateKeyAsync(issued.Key, cancellationToken);
        await invalidations.PublishAsync(CacheInvalidation.Key(issued.Key.Id), CancellationToken.None);
        return issued;
    }

    /// <summary>The account's keys; 404 without the account.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken)
    {
        await GetAccountAsync(accountId, cancellationToken);
        return await store.ListKeysAsync(accountId, cancellationToken);
    }

    /// <summary>Revokes the key at once; 404 when the account or key does not exist. Revoking twice is harmless.</summary>
    public async Task RevokeKeyAsync(string accountId, string keyId, CancellationToken cancellationToken)
    {
        await GetKeyOfAccountAsync(accountId, keyId, cancellationToken);
        await store.RevokeKeyAsync(keyId, time.GetStoreUtcNow(), cancellationToken);
        await invalidations.PublishAsync(CacheInvalidation.Key(keyId), CancellationToken.None);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the key's description, rate limit and quota and stores them; 404 when the
    /// account or key does not exist. Every replica drops its cached credential, so a new limit applies at once.
    /// </summary>
    public async Task<ApiKey> UpdateKeyAsync(
        string accountId, string keyId, Func<ApiKey, ApiKey> change, CancellationToken cancellationToken)
    {
        var current = await GetKeyOfAccountAsync(accountId, keyId, cancellationToken);
        var changed = change(current);
        var updated = current with
        {
            Description = string.IsNullOrEmpty(changed.Description) ? null : changed.Description,
            RateLimit = changed.RateLimit,
            Quota = changed.Quota,
        };
        if (!await store.UpdateKeyAsync(keyId, updated.Description, updated.RateLimit, updated.Quota, cancellationToken))
        {
            throw new GatewayProblemException(StatusCodes.Status404NotFound, ErrorCodes.NotFound,
                $"No key '{keyId}' on service account '{accountId}'.");
        }

        await invalidations.PublishAsync(CacheInvalidation.Key(keyId), CancellationToken.None);
        return updated;
    }

    /// <summary>
    /// Issues a new key of the same kind, description and CIDRs and revokes the old one in the same transaction.
    /// The new expiry is <paramref name="expiresAt"/> when given, else the old key's lifetime counted from now.
    /// 409 when the old key is already revoked.
    /// </summary>
    public Task<IssuedKey> RenewKeyAsync(string accountId, string keyId, DateTimeOffset? expiresAt, CancellationToken cancellationToken) =>
        RenewKeyAsync(accountId, keyId, expiresAt, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Renewal as above; with a positive <paramref name="gracePeriod"/> (at most <c>Gateway:Keys:MaxRenewGrace</c>,
    /// else 400 naming <c>gracePeriod</c>) the old key keeps working until now + grace, when it is revoked by the
    /// scheduler (and treated as revoked from that instant by authentication, whatever the scheduler does).
    /// </summary>
    public async Task<IssuedKey> RenewKeyAsync(
        string accountId, string keyId, DateTimeOffset? expiresAt, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        if (gracePeriod > options.Value.MaxRenewGrace)
        {
            var errors = new ValidationErrors();
            errors.Add(RenewalGrace.Field, $"At most {RenewalGrace.Format(options.Value.MaxRenewGrace)} (Gateway:Keys:MaxRenewGrace).");
            errors.ThrowIfAny();
        }

        var old = await GetKeyOfAccountAsync(accountId, keyId, cancellationToken);
        var now = time.GetStoreUtcNow();
        if (old.StatusAt(now) == KeyStatus.Revoked)
        {
            throw new GatewayProblemException(StatusCodes.Status409Conflict, ErrorCodes.Conflict,
                "This key is revoked; create a new key instead of renewing it.");
        }

        var expiry = ApplyLifetimePolicy(expiresAt ?? (old.ExpiresAt is { } e ? SameLifetimeFrom(now, e - old.CreatedAt, e) : null), now);
        var issued = keys.Create(accountId, new KeySpec(old.Kind, old.Description, expiry, old.AllowedCidrs, old.RateLimit, old.Quota));
        var replaced = gracePeriod > TimeSpan.Zero
            ? await store.ReplaceKeyLaterAsync(keyId, issued.Key, issued.Key.CreatedAt + gracePeriod, cancellationToken)
            : await store.ReplaceKeyAsync(keyId, issued.Key, now, cancellationToken);
        if (!replaced)
        {
            throw new GatewayProblemException(StatusCodes.Status409Conflict, ErrorCodes.Conflict,
                "This key was revoked concurrently; create a new key instead of renewing it.");
        }

        await invalidations.PublishAsync(CacheInvalidation.Key(keyId), CancellationToken.None);
        await invalidations.PublishAsync(CacheInvalidation.Key(issued.Key.Id), CancellationToken.None);
        return issued;
    }

    /// <summary>
    /// Applies <c>Gateway:Keys:MaxLifetime</c>: no expiry becomes now + the maximum; a later expiry is refused with
    /// 400 naming <c>expiresAt</c>. Without a maximum the requested expiry stands.
    /// </summary>
    public DateTimeOffset? ApplyLifetimePolicy(DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (options.Value.MaxLifetime is not { } max)
        {
            return expiresAt;
        }

        var limit = now + max;
        if (expiresAt is null)
        {
            return limit;
        }

        if (expiresAt > limit)
        {
            var errors = new ValidationErrors();
            errors.Add("expiresAt", $"Keys may live at most {max} (Gateway:Keys:MaxLifetime): expire by {limit:O}.");
            errors.ThrowIfAny();
        }

        return expiresAt;
    }

    /// <summary>
    /// <paramref name="now"/> + <paramref name="lifetime"/>; when that lies beyond the calendar (a key that expires
    /// at 9999-12-31), the old expiry <paramref name="cap"/> stands.
    /// </summary>
    private static DateTimeOffset SameLifetimeFrom(DateTimeOffset now, TimeSpan lifetime, DateTimeOffset cap) =>
        lifetime > DateTimeOffset.MaxValue - now ? cap : now + lifetime;

    private async Task<ApiKey> GetKeyOfAccountAsync(string accountId, string keyId, CancellationToken cancellationToken)
    {
        await GetAccountAsync(accountId, cancellationToken);
        var key = await store.GetKeyAsync(keyId, cancellationToken);
        if (key is null || key.AccountId != accountId)
        {
            throw new GatewayProblemException(StatusCodes.Status404NotFound, ErrorCodes.NotFound,
                $"No key '{keyId}' on service account '{accountId}'.");
        }

        return key;
    }

    private static GatewayProblemException AccountNotFound(string accountId) =>
        new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"No service account '{accountId}'.");
}
