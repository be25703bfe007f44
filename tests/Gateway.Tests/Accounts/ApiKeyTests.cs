using Gateway.Accounts;
using Gateway.Tests.TestSupport;

namespace Gateway.Tests.Accounts;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Expiry = Samples.T0.AddDays(30);

    [Fact]
    public void StatusAt_NoExpiryNotRevoked_IsActive()
    {
        var key = Samples.Key("sa_0123456789abcDEF");

        Assert.Equal(KeyStatus.Active, key.StatusAt(Samples.T0.AddYears(100)));
    }

    [Fact]
    public void StatusAt_BeforeExpiry_IsActive()
    {
        var key = Samples.Key("sa_0123456789abcDEF", expiresAt: Expiry);

        Assert.Equal(KeyStatus.Active, key.StatusAt(Expiry.AddTicks(-1)));
    }

    [Fact]
    public void StatusAt_ExactlyAtExpiry_IsExpired()
    {
        var key = Samples.Key("sa_0123456789abcDEF", expiresAt: Expiry);

        Assert.Equal(KeyStatus.Expired, key.StatusAt(Expiry));
    }

    [Fact]
    public void StatusAt_AfterExpiry_IsExpired()
    {
        var key = Samples.Key("sa_0123456789abcDEF", expiresAt: Expiry);

        Assert.Equal(KeyStatus.Expired, key.StatusAt(Expiry.AddDays(1)));
    }

    [Fact]
    public void StatusAt_RevokedAndExpired_IsRevoked()
    {
        var key = Samples.Key("sa_0123456789abcDEF", expiresAt: Expiry, revokedAt: Samples.T0.AddDays(1));

        Assert.Equal(KeyStatus.Revoked, key.StatusAt(Expiry.AddDays(1)));
    }

    [Fact]
    public void StatusAt_Revoked_IsRevokedEvenBeforeExpiry()
    {
        var key = Samples.Key("sa_0123456789abcDEF", expiresAt: Expiry, revokedAt: Samples.T0);

        Assert.Equal(KeyStatus.Revoked, key.StatusAt(Samples.T0.AddHours(1)));
    }

    [Fact]
    public void StatusAt_ExpiryInOtherTimeZone_ComparesInstants()
    {
        var key = Samples.Key("sa_0123456789abcDEF", expiresAt: Expiry.ToOffset(TimeSpan.FromHours(5)));

        Assert.Equal(KeyStatus.Expired, key.StatusAt(Expiry.ToOffset(TimeSpan.FromHours(-8))));
        Assert.Equal(KeyStatus.Active, key.StatusAt(Expiry.AddMilliseconds(-1).ToOffset(TimeSpan.FromHours(-8))));
    }
}
