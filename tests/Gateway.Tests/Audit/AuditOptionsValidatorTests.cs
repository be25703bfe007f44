using Gateway.Audit;

namespace Gateway.Tests.Audit;

public sealed class AuditOptionsValidatorTests
{
    private static IEnumerable<string> Failures(AuditOptions options) =>
        new AuditOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Defaults_AreValid()
    {
        var options = new AuditOptions();
        Assert.Empty(Failures(options));
        Assert.Equal(TimeSpan.FromSeconds(2), options.UsageInterval);
        Assert.Equal(50_000, options.QueueCapacity);
    }

    [Theory]
    [InlineData(0, 2000, "Gateway:Audit:Linger")]
    [InlineData(10_001, 2000, "Gateway:Audit:Linger")]
    [InlineData(200, 0, "Gateway:Audit:UsageInterval")]
    [InlineData(200, 60_001, "Gateway:Audit:UsageInterval")]
    public void OutOfRange_FailsNamingTheKey(int lingerMs, int usageIntervalMs, string key)
    {
        var failure = Assert.Single(Failures(new AuditOptions
        {
            Linger = TimeSpan.FromMilliseconds(lingerMs),
            UsageInterval = TimeSpan.FromMilliseconds(usageIntervalMs),
        }));
        Assert.StartsWith(key + " ", failure, StringComparison.Ordinal);
    }
}
