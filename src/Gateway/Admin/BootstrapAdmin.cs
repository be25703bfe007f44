using Gateway.Accounts;
using Gateway.Accounts.Roles;
using Gateway.Accounts.Tokens;
using Gateway.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

/// <summary>
/// On first start with an empty store, creates the <c>bootstrap-admin</c> account (role <c>admin</c>) and its key:
/// the configured <c>Gateway:Admin:BootstrapKey</c>, or a generated one written to
/// <c>&lt;data dir&gt;/bootstrap-admin.key</c> with mode 0600. Only the file's path is logged. When several replicas
/// of a shared store start at once, one creates it and the others stand down (and remove any key file they wrote).
/// </summary>
public sealed partial class BootstrapAdmin(
    IAccountStore store,
    KeyFactory keys,
    IOptions<AdminOptions> options,
    GatewayDataDirectory dataDirectory,
    TimeProvider time,
    ILogger<BootstrapAdmin> logger)
{
    /// <summary>Creates the bootstrap admin when the store is empty; does nothing otherwise.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!await store.IsEmptyAsync(cancellationToken))
        {
            return;
        }

        var settings = options.Value;
        var now = time.GetStoreUtcNow();
        var account = new ServiceAccount
        {
            Id = IdGenerator.NewAccountId(),
            Name = AccountDefaults.BootstrapAccountName,
            Description = "Created on first start; use it to create real administrators, then disable it.",
            OrgId = settings.BootstrapOrg,
            Roles = [BuiltInRoles.Admin],
            AllowedCidrs = [],
            Status = AccountStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };

        if (settings.BootstrapKey is { Length: > 0 } configured)
        {
            var key = keys.FromExistingToken(account.Id, configured, "bootstrap key from configuration");
            try
            {
                await store.CreateAccountWithKeyAsync(account, key, cancellationToken);
            }
            catch (DuplicateNameException)
            {
                LogCreatedElsewhere(logger);
                return;
            }

            LogConfigured(logger, key.Id);
            return;
        }

        var path = dataDirectory.File(AccountDefaults.BootstrapKeyFileName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var issued = keys.Create(account.Id, new KeySpec(KeyKind.Bearer, "bootstrap key", null, []));
        SecretFile.WriteNew(path, issued.Secret + "\n");
        try
        {
            await store.CreateAccountWithKeyAsync(account, issued.Key, cancellationToken);
        }
        catch (DuplicateNameException)
        {
            File.Delete(path);
            LogCreatedElsewhere(logger);
            return;
        }

        LogGenerated(logger, path);
    }

    [LoggerMessage(EventId = EventIds.Admin.BootstrapAdminGenerated, Level = LogLevel.Warning,
        Message = "Created the bootstrap-admin account; its API key is in {Path} (mode 0600). Create real administrators, then disable it.")]
    private static partial void LogGenerated(ILogger logger, string path);

    [LoggerMessage(EventId = EventIds.Admin.BootstrapAdminConfigured, Level = LogLevel.Warning,
        Message = "Created the bootstrap-admin account with the key {KeyId} from Gateway:Admin:BootstrapKey.")]
    private static partial void LogConfigured(ILogger logger, string keyId);

    [LoggerMessage(EventId = EventIds.Admin.BootstrapAdminCreatedElsewhere, Level = LogLevel.Information,
        Message = "Another replica created the bootstrap-admin account at the same time; this one uses it")]
    private static partial void LogCreatedElsewhere(ILogger logger);
}
