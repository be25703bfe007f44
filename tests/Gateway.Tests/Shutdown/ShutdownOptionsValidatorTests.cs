using Gateway.Shutdown;

namespace Gateway.Tests.Shutdown;

public sealed class ShutdownOptionsValidatorTests
{
    private static IEnumerable<string> Failures(ShutdownOptions options) =>
        new ShutdownOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Defaults_AreValid_AndTheTotalIsTheSumOfTheSteps()
    {
        var options = new ShutdownOptions { DrainDelay = TimeSpan.FromSeconds(5) };
        Assert.Empty(Failures(options));
        Assert.Equal(TimeSpan.FromSeconds(45), options.Total);
    }

    [Theory]
    [InlineData(-1, 30, 10, "Gateway:Shutdown:DrainDelay")]
    [InlineData(301, 30, 10, "Gateway:Shutdown:DrainDelay")]
    [InlineData(5, 0, 10, "Gateway:Shutdown:Timeout")]
    [InlineData(5, 3601, 10, "Gateway:Shutdown:Timeout")]
    [InlineData(5, 30, 0, "Gateway:Shutdown:AuditFlushTimeout")]
    public void OutOfRange_FailsNamingTheKey(int drainSeconds, int timeoutSeconds, int flushSeconds, string key)
    {
        var failure = Assert.Single(Failures(new ShutdownOptions
        {
            DrainDelay = TimeSpan.FromSeconds(drainSeconds),
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            AuditFlushTimeout = TimeSpan.FromSeconds(flushSeconds),
        }));
        Assert.StartsWith(key + " ", failure, StringComparison.Ordinal);
    }
}
