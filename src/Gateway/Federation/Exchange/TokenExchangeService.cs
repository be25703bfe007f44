using System.Globalization;
using System.Net;
using System.Text;
using Gateway.Accounts;
using Gateway.Audit;
using Gateway.Authorization;
using Gateway.Errors;
using Gateway.Federation.Access;
using Gateway.Federation.Policies;
using Gateway.Federation.Store;
using Gateway.Replay;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Federation.Exchange;

/// <summary>
/// The exchange itself: verify the id_token (<see cref="IdTokenValidator"/>), choose the most specific matching
/// policy whose account is active and whose CIDRs (and the account's) admit the caller, reserve the <c>jti</c> in
/// the nonce store (single use, across replicas in redis mode), write the audit event durably, then issue the
/// access token. Its lifetime is <c>Gateway:Federation:AccessTokenLifetime</c> capped by the policy's
/// <c>maxTokenLifetime</c>; it is deliberately not capped by the id_token's <c>exp</c> (CI id_tokens live minutes,
/// and the point of the exchange is a credential for the job's duration).
/// </summary>
public sealed partial class TokenExchangeService(
    IdTokenValidator validator,
    ITrustPolicyStore policies,
    IAccountStore accounts,
    INonceStore nonces,
    FederatedAccessTokens tokens,
    AuditWriter audit,
    AuditEventFactory events,
    FederationMetrics metrics,
    IOptions<FederationOptions> options,
    TimeProvider time,
    ILogger<TokenExchangeService> logger)
{
    private const int MaxAuditValueLength = 200;

    /// <summary>Exchanges <paramref name="subjectToken"/>; <paramref name="accountFilter"/> (RFC 8693 <c>audience</c>) restricts the candidate accounts.</summary>
    public async Task<(TokenExchangeResponse? Response, ExchangeFailure? Failure)> ExchangeAsync(
        HttpContext context, string subjectToken, string? accountFilter, CancellationToken cancellationToken)
    {
        var (token, failure) = await validator.ValidateAsync(subjectToken, cancellationToken);
        if (failure is not null)
        {
            LogRefused(logger, failure.Code, failure.Detail);
            return Fail(failure);
        }

        TrustPolicy? chosen;
        ServiceAccount? account;
        try
        {
            (chosen, account) = await ChooseAsync(token!, accountFilter, context.Connection.RemoteIpAddress, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            LogStoreUnavailable(logger, ex);
            return Fail(FederationErrorCodes.Down("The trust policy store is unavailable; try again shortly."));
        }

        if (chosen is null || account is null)
        {
            LogNoPolicy(logger, token!.Issuer, Shown(TrustPolicyMatcher.Text(token.Claims, "sub")));
            return Fail(FederationErrorCodes.NoPolicy);
        }

        var now = time.GetUtcNow();
        try
        {
            var ttl = token!.ExpiresAt + options.Value.ClockSkew - now;
            if (!await nonces.TryReserveAsync(FederationDefaults.NonceKeyId, token.Issuer + "\n" + token.TokenId,
                    ttl < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : ttl, cancellationToken))
            {
                LogReplayed(logger, token.Issuer, chosen.Id);
                return Fail(FederationErrorCodes.Replayed);
            }
        }
        catch (NonceStoreUnavailableException ex)
        {
            LogStoreUnavailable(logger, ex);
            return Fail(FederationErrorCodes.Down("The replay store is unavailable; try again shortly."));
        }

        var lifetime = options.Value.AccessTokenLifetime;
        if (chosen.MaxTokenLifetime is { } max && max < lifetime)
        {
            lifetime = max;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds());
        var exchangeId = FederatedAccessTokens.NewExchangeId();
        var auditEvent = events.Create(context, AuditKinds.Request, FederationAuditActions.TokenExchange, AuditTarget(chosen, token), StatusCodes.Status200OK) with
        {
            PrincipalId = account.Id,
            PrincipalName = account.Name,
            KeyId = exchangeId,
        };
        try
        {
            await audit.WriteAdminAsync(auditEvent, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreUnavailable(logger, ex);
            return Fail(FederationErrorCodes.Down("The audit trail cannot be written; no token was issued. Try again shortly."));
        }

        var accessToken = tokens.Issue(new AccessTokenClaims(account.Id, chosen.Id, exchangeId, expiresAt));
        metrics.Count("success");
        LogExchanged(logger, exchangeId, account.Id, chosen.Id);
        return (new TokenExchangeResponse(accessToken, FederationDefaults.AccessTokenType, "Bearer",
            (long)(expiresAt - now).TotalSeconds), null);
    }

    private async Task<(TrustPolicy?, ServiceAccount?)> ChooseAsync(
        ValidatedIdToken token, string? accountFilter, IPAddress? client, CancellationToken cancellationToken)
    {
        var candidates = (await policies.ListByIssuerAsync(token.Issuer, cancellationToken))
            .Where(p => accountFilter is null || p.AccountId == accountFilter)
            .Where(p => TrustPolicyMatcher.Matches(p, token.Issuer, token.Claims))
            .ToList();
        candidates.Sort(TrustPolicyMatcher.Compare);
        foreach (var policy in candidates)
        {
            if (await accounts.GetAccountAsync(policy.AccountId, cancellationToken) is { Status: AccountStatus.Active } account
                && CidrSet.Admits(account.AllowedCidrs, client) && CidrSet.Admits(policy.AllowedCidrs, client))
            {
                return (policy, account);
            }
        }

        return (null, null);
    }

    private (TokenExchangeResponse?, ExchangeFailure?) Fail(ExchangeFailure failure)
    {
        metrics.Count(failure.Outcome);
        return (null, failure);
    }

    /// <summary><c>tp_… sub=… repository=… ref=…</c> (GitLab: <c>project_path</c>); values shortened, absent ones left out.</summary>
    private static string AuditTarget(TrustPolicy policy, ValidatedIdToken token)
    {
        var target = new StringBuilder(policy.Id);
        foreach (var claim in new[] { "sub", "repository", "project_path", "ref", "environment", "run_id", "pipeline_id", "job_id" })
        {
            if (TrustPolicyMatcher.Text(token.Claims, claim) is { Length: > 0 } value)
            {
                target.Append(CultureInfo.InvariantCulture, $" {claim}={Shown(value)}");
            }
        }

        return target.ToString();
    }

    private static string Shown(string? value) =>
        value is null ? "" : value.Length <= MaxAuditValueLength ? value : value[..MaxAuditValueLength];

    [LoggerMessage(EventId = EventIds.Federation.ExchangeRefused, Level = LogLevel.Information, Message = "Token exchange refused: {Code} ({Detail})")]
    private static partial void LogRefused(ILogger logger, string code, string detail);

    [LoggerMessage(EventId = EventIds.Federation.ExchangeNoPolicy, Level = LogLevel.Information, Message = "Token exchange refused: no usable trust policy for a token of {Issuer} with sub {Subject}")]
    private static partial void LogNoPolicy(ILogger logger, string issuer, string subject);

    [LoggerMessage(EventId = EventIds.Federation.ExchangeReplayed, Level = LogLevel.Warning, Message = "Token exchange refused: an id_token of {Issuer} was presented again (policy {PolicyId})")]
    private static partial void LogReplayed(ILogger logger, string issuer, string policyId);

    [LoggerMessage(EventId = EventIds.Federation.ExchangeStoreUnavailable, Level = LogLevel.Error, Message = "Token exchange failed: a store is unavailable")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = EventIds.Federation.Exchanged, Level = LogLevel.Information, Message = "Token exchange {ExchangeId}: service account {AccountId} under trust policy {PolicyId}")]
    private static partial void LogExchanged(ILogger logger, string exchangeId, string accountId, string policyId);
}
