using Gateway.Hosting.Startup;

namespace Gateway.Tests.Hosting;

/// <summary>The gateway's runtime defaults fill in only what the environment leaves unset.</summary>
public sealed class RuntimeDefaultsTests
{
    [Theory]
    [InlineData(null, "1")]
    [InlineData("", "1")]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    public void InlineSocketCompletions_AreOnUnlessTheEnvironmentSaysOtherwise(string? before, string after)
    {
        var environment = new Dictionary<string, string?> { [RuntimeDefaults.InlineSocketCompletions] = before };

        RuntimeDefaults.Apply(name => environment.GetValueOrDefault(name), (name, value) => environment[name] = value);

        Assert.Equal(after, environment[RuntimeDefaults.InlineSocketCompletions]);
    }
}
