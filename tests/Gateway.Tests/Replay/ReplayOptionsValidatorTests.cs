using Gateway.Replay;

namespace Gateway.Tests.Replay;

public sealed class ReplayOptionsValidatorTests
{
    private static IEnumerable<string> Failures(ReplayOptions options) =>
        new ReplayOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Defaults_AreValid_AndBatchUpTo64ReservationsACall()
    {
        var options = new ReplayOptions();
        Assert.Empty(Failures(options));
        Assert.Equal(64, options.RedisMaxBatch);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void RedisMaxBatch_InRange_IsValid(int maxBatch) =>
        Assert.Empty(Failures(new ReplayOptions { RedisMaxBatch = maxBatch }));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void RedisMaxBatch_OutOfRange_FailsNamingTheKey(int maxBatch)
    {
        var failure = Assert.Single(Failures(new ReplayOptions { RedisMaxBatch = maxBatch }));
        Assert.StartsWith("Gateway:Replay:RedisMaxBatch ", failure, StringComparison.Ordinal);
    }
}
