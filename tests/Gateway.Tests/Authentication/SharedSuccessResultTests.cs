using System.Diagnostics;
using Gateway.Accounts;
using Gateway.Authentication;
using Gateway.Telemetry;
using Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Gateway.Tests.Authentication;

public sealed class SharedSuccessResultTests
{
    private readonly CredentialValidator _validator = new(TestRoles.BuiltInOnly(), new FakeTimeProvider(Samples.T0));

    [Fact]
    public async Task Success_SameCredentialAndScheme_IsOneResultWithThePrincipalFeatureAndCompletedTask()
    {
        var credential = Credential();
        var once = _validator.Success(credential, "api-key", "ApiKey"); // a credential's first success is not kept

        var first = _validator.Success(credential, "api-key", "ApiKey");
        var second = _validator.Success(credential, "api-key", "ApiKey");

        Assert.NotSame(once, first);
        Assert.Same(first, second);
        Assert.True(first.Succeeded);
        Assert.Equal("ApiKey", first.Ticket!.AuthenticationScheme);
        Assert.Same(_validator.CreatePrincipal(credential, "api-key", "ApiKey"), first.Principal);
        Assert.Same(credential, first.Feature.Credential);
        Assert.Same(first, await first.Completed);
        Assert.NotSame(first, _validator.Success(credential, "rfc9421", "Signature"));
        Assert.NotSame(first, _validator.Success(credential with { }, "api-key", "ApiKey"));
    }

    [Fact]
    public void Success_HoldsItsCredentialPrincipalAndCaller_AsTheTicketAndFeatureHoldThem()
    {
        var credential = Credential();
        _validator.Success(credential, "api-key", "ApiKey");

        var kept = _validator.Success(credential, "api-key", "ApiKey");

        Assert.Same(kept.Feature.Credential, kept.Credential);
        Assert.Same(kept.Ticket!.Principal, kept.User);
        Assert.Same(GatewayIdentity.From(kept.User), kept.Caller);
        Assert.Equal(credential.Key.Id, kept.Caller!.KeyId);
        Assert.Null(new SharedSuccessResult(credential, new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity()), "ApiKey").Caller);
    }

    [Fact]
    public void Success_Properties_CannotBeWrittenByOneRequestForTheOthers()
    {
        var result = _validator.Success(Credential(), "api-key", "ApiKey");

        Assert.Throws<NotSupportedException>(() => result.Properties!.Items["x"] = "y");
        Assert.Throws<NotSupportedException>(() => result.Properties!.ExpiresUtc = Samples.T0);
        Assert.Throws<NotSupportedException>(() => result.Properties!.Parameters["x"] = 1);
        Assert.Same(result.Properties, result.Ticket!.Properties);
        Assert.Empty(result.Properties!.Items);
        Assert.Null(result.Properties.ExpiresUtc);
    }

    [Fact]
    public async Task Track_SynchronousSuccess_AnswersTheSharedTaskAndEndsItsSpan()
    {
        var (telemetry, metrics) = Telemetry();
        var shared = _validator.Success(Credential(), "api-key", "ApiKey");
        using var spans = new Spans();
        using var outer = new Activity("outer").Start();

        var task = telemetry.Track(new DefaultHttpContext(), "api-key", shared, static (_, s) => ValueTask.FromResult<AuthenticateResult>(s));

        Assert.Same(shared.Completed, task);
        Assert.Same(outer, Activity.Current);
        var span = Assert.Single(spans.Stopped);
        Assert.Same(outer, span.Parent);
        Assert.Equal("success", span.GetTagItem(GatewayTelemetry.OutcomeAttribute));
        Assert.Equal(1, metrics.Authentications.WithLabels("api-key", "success", "ok").Value);
        Assert.Same(shared, await task);
    }

    [Fact]
    public async Task Track_PendingAuthentication_KeepsItsSpanCurrentInsideOnlyAndRecordsOnCompletion()
    {
        var (telemetry, metrics) = Telemetry();
        var shared = _validator.Success(Credential(), "api-key", "ApiKey");
        var lookup = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Activity? inside = null;
        using var spans = new Spans();
        using var outer = new Activity("outer").Start();

        var task = telemetry.Track(new DefaultHttpContext(), "api-key", shared, async (_, s) =>
        {
            inside = Activity.Current;
            await lookup.Task;
            return s;
        });

        Assert.False(task.IsCompleted);
        Assert.Same(outer, Activity.Current);
        Assert.NotNull(inside);
        Assert.Same(outer, inside.Parent);
        Assert.Empty(spans.Stopped);
        lookup.SetResult();
        Assert.Same(shared, await task);
        Assert.Same(inside, Assert.Single(spans.Stopped));
        Assert.Equal(1, metrics.AuthenticationDuration.WithLabels("api-key").Count);
    }

    private static (AuthenticationTelemetry, GatewayMetrics) Telemetry()
    {
        var metrics = new GatewayMetrics(Metrics.NewCustomRegistry());
        return (new AuthenticationTelemetry(metrics, new MeteredSchemes([new MeteredScheme("api-key", RejectsReplays: false)])), metrics);
    }

    private static Credential Credential()
    {
        var account = Samples.Account(name: "deploy-bot", orgId: "acme", roles: ["reader"], createdAt: Samples.T0.AddDays(-10));
        return new Credential(Samples.Key(account.Id, createdAt: Samples.T0.AddDays(-10)), account);
    }

    /// <summary>The gateway's authenticate spans stopped on this test's flow (other tests may run in parallel).</summary>
    private sealed class Spans : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly List<Activity> _stopped = [];

        public Spans()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == GatewayTelemetry.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.OperationName == GatewayTelemetry.AuthenticateSpan && activity.Parent?.OperationName == "outer")
                    {
                        lock (_stopped)
                        {
                            _stopped.Add(activity);
                        }
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> Stopped
        {
            get
            {
                lock (_stopped)
                {
                    return [.. _stopped];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
