using System.Net.Http.Json;

namespace Gateway.Client.Federation;

/// <summary>The trust policy part of the admin API, over an authenticated admin-listener <see cref="HttpClient"/> (with its base address).</summary>
public sealed class TrustPolicyAdminClient(HttpClient http)
{
    /// <summary>Adds a trust policy to the account.</summary>
    public async Task<TrustPolicy> AddAsync(string accountId, NewTrustPolicy policy, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync(Path(accountId), policy, ClientJson.Options, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<TrustPolicy>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account's trust policies, oldest first.</summary>
    public async Task<IReadOnlyList<TrustPolicy>> ListAsync(string accountId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(Path(accountId), cancellationToken).ConfigureAwait(false);
        return (await ReadAsync<TrustPolicyList>(response, cancellationToken).ConfigureAwait(false)).Items;
    }

    /// <summary>Deletes one trust policy; access tokens issued under it stop working.</summary>
    public async Task RemoveAsync(string accountId, string policyId, CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync(Path(accountId) + "/" + Uri.EscapeDataString(policyId), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await GatewayApiException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Path(string accountId) => $"v1/service-accounts/{Uri.EscapeDataString(accountId)}/trust-policies";

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await GatewayApiException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new GatewayApiException((int)response.StatusCode, GatewayApiException.UnexpectedResponseCode, "The response body was empty.");
    }
}
