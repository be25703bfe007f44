using Gateway.Accounts;
using Gateway.Admin;
using Gateway.Admin.Contracts;
using Gateway.Admin.Runners;
using Gateway.Errors;
using Gateway.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Admin.Runners;

public sealed class RunnerSpecTests
{
    private readonly AdminValidation _validation = new(TestRoles.BuiltInOnly(), new FakeTimeProvider(Samples.T0));

    [Theory]
    [InlineData("a")]
    [InlineData("build-01")]
    [InlineData(".hidden_runner-1.2")]
    [InlineData("-starts-with-dash")]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV")]
    public void IsValidRunnerId_Accepts(string runnerId) => Assert.True(RunnerSpec.IsValidRunnerId(runnerId));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("ünïcode")]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW")]
    public void IsValidRunnerId_Refuses(string? runnerId) => Assert.False(RunnerSpec.IsValidRunnerId(runnerId));

    [Fact]
    public void Create_EmptyRequest_TakesTheDefaults()
    {
        var spec = RunnerSpec.Create("build-01", new RunnerCredentialsRequest(), _validation, "system");

        Assert.Equal("system", spec.OrgId);
        Assert.Null(spec.ProjectId);
        Assert.Null(spec.Roles);
        Assert.Equal(KeyKind.Hmac, spec.Kind);
        Assert.Equal("runner-build-01", spec.AccountName);
    }

    [Fact]
    public void Create_LongestRunnerId_GivesAValidAccountName()
    {
        var spec = RunnerSpec.Create(new string('r', RunnerDefaults.MaxRunnerIdLength), new RunnerCredentialsRequest(), _validation, "system");

        Assert.True(NameRules.IsValidIdentifier(spec.AccountName));
    }

    [Fact]
    public void Create_BadFields_NamesEveryOne()
    {
        var request = new RunnerCredentialsRequest { OrgId = "bad org", ProjectId = "_x", Roles = ["nope"], Kind = "rsa" };

        var problem = Assert.Throws<GatewayProblemException>(() => RunnerSpec.Create("bad id", request, _validation, "system"));

        Assert.Equal(ErrorCodes.ValidationFailed, problem.Code);
        Assert.Equal(["kind", "orgId", "projectId", "roles[0]", "runnerId"], problem.Errors!.Keys.Order(StringComparer.Ordinal).ToArray());
    }
}
