namespace Gateway.Logging;

/// <summary>
/// The one registry of the gateway's log event ids: every <c>[LoggerMessage(EventId = EventIds.Feature.Name)]</c> of the
/// process takes its id from here, so a log query by id finds one message. Grouped by the feature that logs; each group
/// states its range (docs/ARCHITECTURE.md, "Event ids"). <c>EventIdTests</c> fails on an id that is not a constant here,
/// on an id used twice and on a constant nothing uses. A new message adds its constant to its feature's group; a new
/// feature takes the next free range and adds a group. The next free range starts at 1860.
/// </summary>
/// <remarks>
/// The constants are compiled into the attributes, so this namespace adds no dependency between features; it is
/// imported for the whole project by a global using in Gateway.csproj.
/// </remarks>
public static class EventIds
{
    /// <summary><c>Errors</c>: 1-9, unexpected failures answered by the error middleware.</summary>
    public static class Errors
    {
        /// <summary>An unhandled exception answered 500.</summary>
        public const int Unhandled = 1;

        /// <summary>The account store was unavailable; answered 503.</summary>
        public const int StoreUnavailable = 2;
    }

    /// <summary><c>Admin</c>: 10-19 the bootstrap administrator (first run), 30-39 runner credentials.</summary>
    public static class Admin
    {
        /// <summary>The bootstrap-admin account was created with a generated key written to a file.</summary>
        public const int BootstrapAdminGenerated = 10;

        /// <summary>The bootstrap-admin account was created with the configured key.</summary>
        public const int BootstrapAdminConfigured = 11;

        /// <summary>Another replica created the bootstrap-admin account at the same time.</summary>
        public const int BootstrapAdminCreatedElsewhere = 12;

        /// <summary>A runner was provisioned.</summary>
        public const int RunnerProvisioned = 30;

        /// <summary>A runner's credentials were regenerated.</summary>
        public const int RunnerRegenerated = 31;
    }

    /// <summary>
    /// <c>Accounts</c>: 20-29 key material generated on first run, 310-319 invalidation applied, 320-329 invalidation
    /// published, 330-339 the Redis invalidation listener, 340-349 the Redis account store.
    /// </summary>
    public static class Accounts
    {
        /// <summary>No master keys were configured; a master key file was generated.</summary>
        public const int MasterKeyRingGenerated = 20;

        /// <summary>No hash key was configured; a hash key file was generated.</summary>
        public const int HashKeyGenerated = 21;

        /// <summary>The custom roles could not be reloaded.</summary>
        public const int RoleReloadFailed = 310;

        /// <summary>An invalidation could not be broadcast.</summary>
        public const int InvalidationPublishFailed = 320;

        /// <summary>A Redis connection of the invalidation listener failed.</summary>
        public const int RedisConnectionFailed = 330;

        /// <summary>A Redis connection of the invalidation listener was restored.</summary>
        public const int RedisConnectionRestored = 331;

        /// <summary>A message on the invalidation channel was not an invalidation.</summary>
        public const int UnknownInvalidationMessage = 332;

        /// <summary>The index entries of a deleted account could not be removed (Redis).</summary>
        public const int RedisIndexCleanupFailed = 340;

        /// <summary>An account's name reservation could not be re-checked after its creation (Redis).</summary>
        public const int RedisPostCommitCheckFailed = 341;
    }

    /// <summary><c>Authentication</c>: 100-199 API keys and the shared credential check, 200-299 signatures.</summary>
    public static class Authentication
    {
        /// <summary>An API key with an unknown id or a wrong secret.</summary>
        public const int ApiKeyInvalid = 100;

        /// <summary>A credential was refused (status, expiry, account).</summary>
        public const int CredentialRefused = 101;

        /// <summary>The credential store was unavailable while authenticating.</summary>
        public const int CredentialStoreUnavailable = 102;

        /// <summary>A signed request did not verify.</summary>
        public const int SignatureInvalid = 200;

        /// <summary>A signed request was replayed.</summary>
        public const int SignatureReplayed = 202;

        /// <summary>The nonce store was unavailable; failing closed.</summary>
        public const int NonceStoreUnavailable = 203;

        /// <summary>A key's secret cannot be decrypted with the configured master keys.</summary>
        public const int SecretUndecryptable = 205;
    }

    /// <summary><c>Audit</c>: 300-309, the audit writer.</summary>
    public static class Audit
    {
        /// <summary>Writing a batch of audit events failed; retrying.</summary>
        public const int WriteRetried = 300;

        /// <summary>A batch of audit events was dropped.</summary>
        public const int EventsDropped = 301;

        /// <summary>Updating <c>lastUsedAt</c> of keys failed.</summary>
        public const int TouchFailed = 302;

        /// <summary>Audit events past retention were purged.</summary>
        public const int Purged = 303;

        /// <summary>Purging old audit events failed.</summary>
        public const int PurgeFailed = 304;

        /// <summary>The audit writer's thread stopped on an unexpected error.</summary>
        public const int WriterFailed = 305;
    }

    /// <summary><c>Observability</c>: 400-499.</summary>
    public static class Observability
    {
        /// <summary>Refreshing the account and key gauges failed.</summary>
        public const int StatisticsRefreshFailed = 400;
    }

    /// <summary><c>Configuration</c>: 1100-1199, the routes file.</summary>
    public static class Configuration
    {
        /// <summary>The routes file changed and was reloaded.</summary>
        public const int RoutesReloaded = 1100;

        /// <summary>The routes file changed but cannot be loaded; the previous routes stay.</summary>
        public const int RoutesReloadFailed = 1101;
    }

    /// <summary><c>Replay</c>: 1200-1299, replay protection.</summary>
    public static class Replay
    {
        /// <summary>The embedded replay horizon in force after a restart.</summary>
        public const int Horizon = 1200;

        /// <summary>The replay horizon file could not be written.</summary>
        public const int HorizonWriteFailed = 1201;

        /// <summary>The reservation of an idempotent SigV4 request was released for a retry.</summary>
        public const int ReservationReleased = 1202;

        /// <summary>A replay reservation could not be released.</summary>
        public const int ReservationReleaseFailed = 1203;
    }

    /// <summary><c>AdminConsole</c>: 1400-1499.</summary>
    public static class AdminConsole
    {
        /// <summary>The console's URL at start.</summary>
        public const int ConsoleUrl = 1400;
    }

    /// <summary><c>Shutdown</c>: 1500-1599, the graceful drain.</summary>
    public static class Shutdown
    {
        /// <summary>Shutting down: <c>/readyz</c> answers 503 for the drain delay.</summary>
        public const int Draining = 1500;

        /// <summary>Listeners closed; waiting for in-flight requests.</summary>
        public const int Closing = 1501;

        /// <summary>In-flight requests finished.</summary>
        public const int Drained = 1502;

        /// <summary>In-flight requests did not finish in time; connections aborted.</summary>
        public const int Aborted = 1503;
    }

    /// <summary><c>IdentityToken</c>: 1600-1649, the signing keys of the identity token.</summary>
    public static class IdentityToken
    {
        /// <summary>The signing keys were generated.</summary>
        public const int KeysCreated = 1600;

        /// <summary>The signing keys were rotated.</summary>
        public const int KeysRotated = 1601;

        /// <summary>The signing keys could not be loaded.</summary>
        public const int KeysRefreshFailed = 1602;
    }

    /// <summary>
    /// <c>Federation</c>: 1650-1699: 1650-1651 issuer key sets, 1652-1659 federated credentials, 1660-1669 the
    /// access-token handler, 1670-1679 the token exchange.
    /// </summary>
    public static class Federation
    {
        /// <summary>An issuer's key set was fetched.</summary>
        public const int IssuerKeySetFetched = 1650;

        /// <summary>An issuer's key set could not be fetched.</summary>
        public const int IssuerKeySetRefreshFailed = 1651;

        /// <summary>The trust policies of a deleted service account were removed.</summary>
        public const int PoliciesRemoved = 1652;

        /// <summary>The trust policies of a deleted service account could not be removed.</summary>
        public const int PolicyCleanupFailed = 1653;

        /// <summary>A federated access token refers to a policy or account that no longer exists.</summary>
        public const int AccessTokenPolicyGone = 1660;

        /// <summary>A federated access token was refused.</summary>
        public const int AccessTokenRefused = 1661;

        /// <summary>The credential store was unavailable while authenticating a federated access token.</summary>
        public const int AccessTokenStoreUnavailable = 1662;

        /// <summary>A token exchange was refused.</summary>
        public const int ExchangeRefused = 1670;

        /// <summary>A token exchange found no usable trust policy.</summary>
        public const int ExchangeNoPolicy = 1671;

        /// <summary>An id_token was presented again.</summary>
        public const int ExchangeReplayed = 1672;

        /// <summary>A token exchange failed: a store was unavailable.</summary>
        public const int ExchangeStoreUnavailable = 1673;

        /// <summary>A token exchange succeeded.</summary>
        public const int Exchanged = 1674;
    }

    /// <summary><c>RateLimiting</c>: 1700-1749.</summary>
    public static class RateLimiting
    {
        /// <summary>Redis did not answer the rate limiter.</summary>
        public const int RedisUnavailable = 1700;
    }

    /// <summary><c>KeyRotation</c>: 1750-1759, scheduled revocation at the end of a renewal's grace period.</summary>
    public static class KeyRotation
    {
        /// <summary>A key was revoked at the end of its grace period.</summary>
        public const int ScheduledRevocation = 1750;

        /// <summary>A scheduled revocation's audit event could not be written.</summary>
        public const int ScheduledRevocationAuditFailed = 1751;

        /// <summary>The scheduled-revocation sweep failed.</summary>
        public const int SweepFailed = 1752;

        /// <summary>The scheduled-revocation sweep still fails (at most once a minute while it does).</summary>
        public const int SweepStillFailing = 1753;

        /// <summary>The scheduled-revocation sweep succeeded after failing.</summary>
        public const int SweepRecovered = 1754;
    }

    /// <summary><c>SecretScanning</c>: 1760-1799: 1760-1769 GitHub's signing keys, 1770-1779 leaked-key revocation.</summary>
    public static class SecretScanning
    {
        /// <summary>GitHub's secret-scanning signing keys were fetched.</summary>
        public const int PublicKeysFetched = 1760;

        /// <summary>GitHub's secret-scanning signing keys could not be fetched.</summary>
        public const int PublicKeysFetchFailed = 1761;

        /// <summary>A leaked key was revoked.</summary>
        public const int LeakedKeyRevoked = 1770;

        /// <summary>A leaked key's audit event could not be written.</summary>
        public const int LeakedKeyAuditFailed = 1771;
    }

    /// <summary><c>ProxyAccess</c>: 1800-1819, the lean authentication/authorization step of proxied routes.</summary>
    public static class ProxyAccess
    {
        /// <summary>The proxy access step is off; every request takes ASP.NET Core's authentication and authorization.</summary>
        public const int StepOff = 1800;
    }

    /// <summary><c>UsageFold</c>: 1820-1839, the audit writer's fold of per-minute usage into the keys' last use.</summary>
    public static class UsageFold
    {
        /// <summary>A step of the last-use fold failed; it is tried again in the next round, a minute later.</summary>
        public const int FoldFailed = 1820;
    }

    /// <summary><c>SqliteCheckpoint</c>: 1840-1859, the embedded store's WAL checkpointer.</summary>
    public static class SqliteCheckpoint
    {
        /// <summary>A checkpoint failed; the next one is tried an interval later, and the WAL keeps growing until one succeeds.</summary>
        public const int CheckpointFailed = 1840;

        /// <summary>A checkpoint took longer than a second: the disk's syncs are slow.</summary>
        public const int CheckpointSlow = 1841;

        /// <summary>The log outgrew the passive checkpoints (a disk too slow for the writes): writes were held back to copy it all.</summary>
        public const int CheckpointRestarted = 1842;
    }
}
