using System.Net.Http.Headers;
using System.Text.Json;

namespace Gateway.Client.Federation;

/// <summary>
/// Where a CI job's OIDC id_token comes from: GitHub Actions' runtime (<c>ACTIONS_ID_TOKEN_REQUEST_URL</c> and
/// <c>ACTIONS_ID_TOKEN_REQUEST_TOKEN</c>, with an audience), an environment variable (GitLab CI's <c>id_tokens:</c>),
/// or a file. Each source returns a fresh token on every call where the CI system allows it (GitHub), so the
/// exchange can be repeated: the gateway accepts each id_token once.
/// </summary>
public static class IdTokenSources
{
    /// <summary>GitHub's variable with the token request URL.</summary>
    public const string GitHubRequestUrlVariable = "ACTIONS_ID_TOKEN_REQUEST_URL";

    /// <summary>GitHub's variable with the bearer token of the token request.</summary>
    public const string GitHubRequestTokenVariable = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";

    /// <summary>Requests an id_token for <paramref name="audience"/> from the GitHub Actions runtime (needs <c>permissions: id-token: write</c>).</summary>
    /// <param name="audience">The audience the trust policy expects (e.g. the gateway's public URL).</param>
    /// <param name="http">The client for the request (default: a shared one).</param>
    /// <param name="getVariable">Reads environment variables (default: the process environment).</param>
    public static Func<CancellationToken, Task<string>> GitHubActions(string audience, HttpClient? http = null, Func<string, string?>? getVariable = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        var read = getVariable ?? Environment.GetEnvironmentVariable;
        return async cancellationToken =>
        {
            var url = read(GitHubRequestUrlVariable);
            var bearer = read(GitHubRequestTokenVariable);
            if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(bearer))
            {
                throw new InvalidOperationException(
                    $"{GitHubRequestUrlVariable} and {GitHubRequestTokenVariable} are not set: run in GitHub Actions with 'permissions: id-token: write'.");
            }

            var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{url}{separator}audience={Uri.EscapeDataString(audience)}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            var client = http ?? Shared;
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"The GitHub Actions token request answered {(int)response.StatusCode}.");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement.TryGetProperty("value", out var value) && value.GetString() is { Length: > 0 } token
                ? token
                : throw new InvalidOperationException("The GitHub Actions token response has no 'value'.");
        };
    }

    /// <summary>Reads the id_token from the environment variable <paramref name="name"/> (e.g. GitLab's <c>id_tokens:</c> variable).</summary>
    public static Func<CancellationToken, Task<string>> EnvironmentVariable(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _ => Task.FromResult(Environment.GetEnvironmentVariable(name)?.Trim() is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException($"The environment variable {name} holds no id_token."));
    }

    /// <summary>Reads the id_token from the file at <paramref name="path"/> (e.g. a projected Kubernetes token).</summary>
    public static Func<CancellationToken, Task<string>> File(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return async cancellationToken => (await System.IO.File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim() is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException($"The file {path} holds no id_token.");
    }

    private static readonly HttpClient Shared = new() { Timeout = TimeSpan.FromSeconds(30) };
}
