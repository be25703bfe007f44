using Gateway.Accounts;
using Gateway.Errors;
using Gateway.RateLimiting;

namespace Gateway.Tests.RateLimiting;

public sealed class RouteRateLimitsTests
{
    [Theory]
    [InlineData("100/s", 100, null, null)]
    [InlineData("600/min", null, 600, null)]
    [InlineData("10/s;burst=20", 10, null, 20)]
    [InlineData(" 5 / min ; burst=1 ", null, 5, 1)]
    public void ValidValues_Parse(string value, int? perSecond, int? perMinute, int? burst)
    {
        Assert.True(RouteRateLimits.TryParse(value, out var limit, out _));
        Assert.Equal(new RateLimit { RequestsPerSecond = perSecond, RequestsPerMinute = perMinute, Burst = burst }, limit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("100")]
    [InlineData("100/h")]
    [InlineData("0/s")]
    [InlineData("-1/s")]
    [InlineData("1000001/s")]
    [InlineData("10/s;burst=0")]
    [InlineData("10/s;bursts=2")]
    [InlineData("10/s;burst=2;x=1")]
    [InlineData("ten/s")]
    public void InvalidValues_AreRefused(string value) => Assert.False(RouteRateLimits.TryParse(value, out _, out _));

    [Fact]
    public void LimitValidation_NamesEveryBadField()
    {
        var errors = new ValidationErrors();
        LimitValidation.Validate(new RateLimit { RequestsPerSecond = 1, RequestsPerMinute = 2, Burst = 0 }, errors);
        LimitValidation.Validate(new Quota(), errors);
        var problem = Assert.Throws<GatewayProblemException>(errors.ThrowIfAny);
        Assert.Equal(ErrorCodes.ValidationFailed, problem.Code);
        Assert.Contains("rateLimit", problem.Errors!.Keys);
        Assert.Contains("rateLimit.burst", problem.Errors!.Keys);
        Assert.Contains("quota", problem.Errors!.Keys);
    }
}
