using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Gateway.Client;

namespace Gateway.LoadTests;

/// <summary>
/// Sends one scenario's requests: <c>GET url?i=&lt;n&gt;</c> over a bounded pool of HTTP/1.1 keep-alive connections,
/// through the Gateway.Client handler of the scenario's scheme, so signed requests are signed per request with a
/// fresh nonce (RFC 9421) or a unique URL (SigV4) exactly as a real client would. Bearer requests carry one token of
/// the credentials file chosen uniformly at random per request (<see cref="BearerTokenSet"/>).
/// </summary>
public sealed class ScenarioClient : IDisposable
{
    private const int MaxFailureSamples = 5;

    private readonly SocketsHttpHandler _sockets;
    private readonly HttpMessageInvoker[] _invokers;
    private readonly BearerTokenSet? _tokens;
    private readonly string _urlPrefix;
    private readonly ConcurrentQueue<string> _failureSamples = new();
    private long _sequence;

    /// <summary>Creates the client of <paramref name="scenario"/> with at most <paramref name="connections"/> connections.</summary>
    public ScenarioClient(ScenarioPlan scenario, int connections)
    {
        Scenario = scenario;
        _urlPrefix = scenario.Url + "?i=";
        _sockets = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (scenario.Auth == AuthKind.Bearer)
        {
            _tokens = BearerTokenSet.Read(RequireCredentials(scenario));
            if (_tokens.Count == 0)
            {
                throw new InvalidOperationException($"{scenario.CredentialsFile} holds no bearer token.");
            }
        }

        _invokers = CreateInvokers(scenario, _sockets);
    }

    /// <summary>The scenario this client calls.</summary>
    public ScenarioPlan Scenario { get; }

    /// <summary>A few failed responses or exceptions (status and the start of the body), for the report.</summary>
    public IReadOnlyCollection<string> FailureSamples => _failureSamples;

    /// <summary>
    /// Sends one request and reads the whole response: <see cref="RequestOutcome.Succeeded"/> for a 2xx answer,
    /// <see cref="RequestOutcome.TimedOut"/> when <paramref name="cancellationToken"/> (the run's deadline) cancelled it.
    /// </summary>
    public async Task<RequestOutcome> SendAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _sequence);
        var invoker = _invokers[n % _invokers.Length];
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _urlPrefix + n.ToString(CultureInfo.InvariantCulture))
            {
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            if (_tokens is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", _tokens.AuthorizationValue(Random.Shared.Next(_tokens.Count)));
            }

            using var response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                return RequestOutcome.Succeeded;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            RecordFailure($"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
            return RequestOutcome.Failed;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            RecordFailure($"{ex.GetType().Name}: {ex.Message}");
            return ex is OperationCanceledException && cancellationToken.IsCancellationRequested ? RequestOutcome.TimedOut : RequestOutcome.Failed;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var invoker in _invokers)
        {
            invoker.Dispose();
        }

        _sockets.Dispose();
    }

    private void RecordFailure(string description)
    {
        if (_failureSamples.Count < MaxFailureSamples)
        {
            _failureSamples.Enqueue(description);
        }
    }

    private static HttpMessageInvoker[] CreateInvokers(ScenarioPlan scenario, SocketsHttpHandler sockets)
    {
        switch (scenario.Auth)
        {
            case AuthKind.Rfc9421:
                var (keyId, secret) = CredentialsFile.HmacKey(RequireCredentials(scenario));
                return [new HttpMessageInvoker(
                    new Rfc9421SigningHandler(new Rfc9421SigningOptions { KeyId = keyId, Secret = secret }, null, sockets),
                    disposeHandler: false)];
            case AuthKind.SigV4:
                var (accessKeyId, sigv4Secret) = CredentialsFile.HmacKey(RequireCredentials(scenario));
                return [new HttpMessageInvoker(
                    new SigV4SigningHandler(new SigV4SigningOptions { AccessKeyId = accessKeyId, Secret = sigv4Secret }, null, sockets),
                    disposeHandler: false)];
            default:
                return [new HttpMessageInvoker(sockets, disposeHandler: false)];
        }
    }

    private static string RequireCredentials(ScenarioPlan scenario) =>
        scenario.CredentialsFile ?? throw new InvalidOperationException($"Scenario {scenario.Name} needs a credentials file.");
}
