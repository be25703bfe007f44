using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;

namespace Gateway.Client.Admin;

/// <summary>
/// Typed client of the admin API (<c>/v1</c> on the admin listener). The <see cref="HttpClient"/> carries the
/// credential (through <see cref="BearerTokenHandler"/> or a signing handler) and the admin listener's
/// <see cref="HttpClient.BaseAddress"/>, e.g. <c>http://127.0.0.1:8081</c> (a path prefix, when the admin API sits
/// behind one, must end with <c>/</c>). Every error answer throws <see cref="GatewayApiException"/> carrying the
/// problem's status, code and detail; network failures throw <see cref="HttpRequestException"/>.
/// </summary>
public sealed class GatewayAdminClient
{
    private readonly HttpClient _http;

    /// <summary>Creates the client over <paramref name="http"/>, which must have a base address.</summary>
    public GatewayAdminClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress (the admin listener's URL).", nameof(http));
        }

        _http = http;
    }

    /// <summary><c>POST /v1/service-accounts</c>: creates an account (409 when the name is taken in the org).</summary>
    public Task<ServiceAccount> CreateServiceAccountAsync(NewServiceAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return SendAsync<ServiceAccount>(HttpMethod.Post, "v1/service-accounts", JsonContent.Create(account, options: ClientJson.Options), cancellationToken);
    }

    /// <summary><c>GET /v1/service-accounts</c>: one page of accounts.</summary>
    public Task<ServiceAccountPage> ListServiceAccountsAsync(ServiceAccountQuery? query = null, CancellationToken cancellationToken = default) =>
        SendAsync<ServiceAccountPage>(HttpMethod.Get, "v1/service-accounts" + QueryString(query ?? new ServiceAccountQuery()), null, cancellationToken);

    /// <summary>Every account matching <paramref name="query"/>, following <c>nextCursor</c> from page to page.</summary>
    public async IAsyncEnumerable<ServiceAccount> ListAllServiceAccountsAsync(
        ServiceAccountQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = query ?? new ServiceAccountQuery();
        while (true)
        {
            var page = await ListServiceAccountsAsync(next, cancellationToken).ConfigureAwait(false);
            foreach (var account in page.Items)
            {
                yield return account;
            }

            if (string.IsNullOrEmpty(page.NextCursor) || page.NextCursor == next.Cursor)
            {
                yield break;
            }

            next = next with { Cursor = page.NextCursor };
        }
    }

    /// <summary><c>GET /v1/service-accounts/{id}</c> (404 when it does not exist).</summary>
    public Task<ServiceAccount> GetServiceAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        SendAsync<ServiceAccount>(HttpMethod.Get, AccountPath(accountId), null, cancellationToken);

    /// <summary><c>PATCH /v1/service-accounts/{id}</c>: changes the members set in <paramref name="changes"/>.</summary>
    public Task<ServiceAccount> UpdateServiceAccountAsync(string accountId, ServiceAccountChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var body = new StringContent(changes.ToJson().ToJsonString(ClientJson.Options), Encoding.UTF8, "application/json");
        return SendAsync<ServiceAccount>(HttpMethod.Patch, AccountPath(accountId), body, cancellationToken);
    }

    /// <summary>Disables the account: its keys stop authenticating at once.</summary>
    public Task<ServiceAccount> DisableServiceAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        UpdateServiceAccountAsync(accountId, new ServiceAccountChanges { Status = "disabled" }, cancellationToken);

    /// <summary>Enables the account again.</summary>
    public Task<ServiceAccount> EnableServiceAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        UpdateServiceAccountAsync(accountId, new ServiceAccountChanges { Status = "active" }, cancellationToken);

    /// <summary><c>DELETE /v1/service-accounts/{id}</c>: revokes every key and removes the account.</summary>
    public Task DeleteServiceAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, AccountPath(accountId), null, cancellationToken);

    /// <summary><c>POST /v1/service-accounts/{id}/keys</c>: a new key with its secret, shown this once.</summary>
    public Task<IssuedApiKey> CreateKeyAsync(string accountId, NewApiKey? key = null, CancellationToken cancellationToken = default) =>
        SendAsync<IssuedApiKey>(HttpMethod.Post, AccountPath(accountId) + "/keys",
            JsonContent.Create(key ?? new NewApiKey(), options: ClientJson.Options), cancellationToken);

    /// <summary><c>GET /v1/service-accounts/{id}/keys</c>: every key, oldest first, without secrets.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(string accountId, CancellationToken cancellationToken = default) =>
        (await SendAsync<KeyListBody>(HttpMethod.Get, AccountPath(accountId) + "/keys", null, cancellationToken).ConfigureAwait(false)).Items;

    /// <summary><c>DELETE /v1/service-accounts/{id}/keys/{keyId}</c>: revokes the key at once.</summary>
    public Task RevokeKeyAsync(string accountId, string keyId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, KeyPath(accountId, keyId), null, cancellationToken);

    /// <summary>
    /// <c>PATCH /v1/service-accounts/{id}/keys/{keyId}</c>: changes the key's description, rate limit or quota as set
    /// in <paramref name="changes"/>; the new limits apply on every replica at once.
    /// </summary>
    public Task<ApiKeyInfo> UpdateKeyAsync(string accountId, string keyId, ApiKeyChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var body = new StringContent(changes.ToJson().ToJsonString(ClientJson.Options), Encoding.UTF8, "application/json");
        return SendAsync<ApiKeyInfo>(HttpMethod.Patch, KeyPath(accountId, keyId), body, cancellationToken);
    }

    /// <summary>
    /// <c>POST /v1/service-accounts/{id}/keys/{keyId}/renew</c>: a new key of the same kind; the old one is revoked.
    /// </summary>
    public Task<IssuedApiKey> RenewKeyAsync(string accountId, string keyId, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default)
    {
        HttpContent? body = expiresAt is { } expiry
            ? JsonContent.Create(new RenewKeyBody(expiry), options: ClientJson.Options)
            : null;
        return SendAsync<IssuedApiKey>(HttpMethod.Post, KeyPath(accountId, keyId) + "/renew", body, cancellationToken);
    }

    /// <summary>
    /// <c>POST /v1/service-accounts/{id}/keys/{keyId}/renew</c> with a grace period: a new key of the same kind; the
    /// old one keeps working for <paramref name="gracePeriod"/> (zero or <c>null</c>: revoked at once), then the gateway
    /// revokes it.
    /// </summary>
    public Task<IssuedApiKey> RenewKeyAsync(
        string accountId, string keyId, DateTimeOffset? expiresAt, TimeSpan? gracePeriod, CancellationToken cancellationToken = default)
    {
        HttpContent? body = expiresAt is not null || gracePeriod is not null
            ? JsonContent.Create(new RenewKeyBody(expiresAt, gracePeriod is { } grace ? System.Xml.XmlConvert.ToString(grace) : null),
                options: ClientJson.Options)
            : null;
        return SendAsync<IssuedApiKey>(HttpMethod.Post, KeyPath(accountId, keyId) + "/renew", body, cancellationToken);
    }

    /// <summary>
    /// <c>POST /v1/runners/{runnerId}/credentials</c>: provisions the runner's account on the first call; on every
    /// call revokes its earlier keys and returns the credentials document with a new key.
    /// </summary>
    public Task<RunnerCredentials> IssueRunnerCredentialsAsync(string runnerId, RunnerCredentialsRequest? request = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runnerId);
        HttpContent? body = request is null ? null : JsonContent.Create(request, options: ClientJson.Options);
        return SendAsync<RunnerCredentials>(HttpMethod.Post, $"v1/runners/{Uri.EscapeDataString(runnerId)}/credentials", body, cancellationToken);
    }

    /// <summary><c>GET /v1/roles</c>: built-in roles first, then custom ones by name.</summary>
    public async Task<IReadOnlyList<GatewayRole>> ListRolesAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<RoleListBody>(HttpMethod.Get, "v1/roles", null, cancellationToken).ConfigureAwait(false)).Items;

    /// <summary><c>PUT /v1/roles/{name}</c>: creates or replaces a custom role (409 for a built-in one).</summary>
    public Task<GatewayRole> PutRoleAsync(string name, RoleDefinition role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(role);
        return SendAsync<GatewayRole>(HttpMethod.Put, "v1/roles/" + Uri.EscapeDataString(name),
            JsonContent.Create(role, options: ClientJson.Options), cancellationToken);
    }

    /// <summary><c>GET /v1/identity-token/keys</c>: the identity-token signing keys (platform administrators only).</summary>
    public async Task<IReadOnlyList<IdentityTokenKey>> ListIdentityTokenKeysAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<IdentityTokenKeyListBody>(HttpMethod.Get, "v1/identity-token/keys", null, cancellationToken).ConfigureAwait(false)).Keys;

    /// <summary><c>POST /v1/identity-token/keys/rotate</c>: the next key starts signing, the active one retires; returns the new list.</summary>
    public async Task<IReadOnlyList<IdentityTokenKey>> RotateIdentityTokenKeysAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<IdentityTokenKeyListBody>(HttpMethod.Post, "v1/identity-token/keys/rotate", null, cancellationToken).ConfigureAwait(false)).Keys;

    /// <summary><c>GET /v1/audit</c>: one page of audit events, newest first (needs <c>gateway.audit:read</c>).</summary>
    public Task<AuditPage> QueryAuditAsync(AuditQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new AuditQuery();
        return SendAsync<AuditPage>(HttpMethod.Get, "v1/audit" + QueryString(
            ("principalId", query.PrincipalId),
            ("action", query.Action),
            ("since", query.Since?.ToString("O", CultureInfo.InvariantCulture)),
            ("limit", query.Limit?.ToString(CultureInfo.InvariantCulture)),
            ("cursor", query.Cursor)), null, cancellationToken);
    }

    private static string AccountPath(string accountId)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return "v1/service-accounts/" + Uri.EscapeDataString(accountId);
    }

    private static string KeyPath(string accountId, string keyId)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        return AccountPath(accountId) + "/keys/" + Uri.EscapeDataString(keyId);
    }

    private static string QueryString(ServiceAccountQuery query) => QueryString(
        ("orgId", query.OrgId),
        ("projectId", query.ProjectId),
        ("status", query.Status),
        ("limit", query.Limit?.ToString(CultureInfo.InvariantCulture)),
        ("cursor", query.Cursor));

    private static string QueryString(params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)).ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, content, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new GatewayApiException((int)response.StatusCode, GatewayApiException.UnexpectedResponseCode, "The response body was empty.");
    }

    private async Task SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, content, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await GatewayApiException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }
}
