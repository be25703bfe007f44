using Gateway.Accounts;
using Gateway.Errors;

namespace Gateway.Tests.KeyRotation;

public sealed class RenewalGraceTests
{
    [Theory]
    [InlineData("PT1H", 3_600_000)]
    [InlineData("PT90S", 90_000)]
    [InlineData("PT0.5S", 500)]
    [InlineData("P1DT12H", 129_600_000)]
    [InlineData("PT1H30M", 5_400_000)]
    [InlineData("P1D", 86_400_000)]
    [InlineData("PT0S", 0)]
    public void TryParse_DaysHoursMinutesSeconds(string text, long milliseconds)
    {
        Assert.True(RenewalGrace.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("1h")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("P1W")]
    [InlineData("-PT1H")]
    [InlineData("PT1H ")]
    [InlineData("pt1h")]
    [InlineData("PT0.0001S")]
    [InlineData("P999999999D")]
    public void TryParse_RefusesEverythingElse(string text)
    {
        Assert.False(RenewalGrace.TryParse(text, out _));
    }

    [Fact]
    public void Parse_Malformed_NamesTheField()
    {
        var errors = new ValidationErrors();
        RenewalGrace.Parse("soon", errors);
        var problem = Assert.Throws<GatewayProblemException>(errors.ThrowIfAny);
        Assert.Equal(ErrorCodes.ValidationFailed, problem.Code);
        Assert.Contains("gracePeriod", problem.Errors!.Keys);
    }

    [Fact]
    public void Format_IsIso8601()
    {
        Assert.Equal("PT1H", RenewalGrace.Format(TimeSpan.FromHours(1)));
        Assert.Equal("P1D", RenewalGrace.Format(TimeSpan.FromDays(1)));
    }
}
