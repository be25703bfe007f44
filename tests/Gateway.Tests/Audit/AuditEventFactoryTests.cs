using System.Net;
using Gateway.Audit;
using Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Audit;

/// <summary>
/// A request event made with the identity the caller already looked up (the proxied request's audit frame) says exactly
/// what one made by looking it up says.
/// </summary>
public sealed class AuditEventFactoryTests
{
    [Fact]
    public void Create_WithTheIdentityGiven_EqualsCreate_ThatLooksItUp_ButForTheId()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, 123, TimeSpan.Zero));
        var factory = new AuditEventFactory(time);
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:10.1.2.3");
        var identity = Samples.Identity(scopes: "read");
        context.Features.Set(identity);

        var looked = factory.Create(context, AuditKinds.Request, AuditActions.ProxyRequest, "route-a", 403, 1.5);
        var given = factory.Create(context, identity, AuditKinds.Request, AuditActions.ProxyRequest, "route-a", 403, 1.5);

        Assert.NotEqual(looked.Id, given.Id);
        Assert.Equal(looked with { Id = given.Id }, given);
        Assert.Equal("sa_1", given.PrincipalId);
        Assert.Equal("billing", given.PrincipalName);
        Assert.Equal("key_1", given.KeyId);
        Assert.Equal("failure", given.Outcome);
        Assert.Equal("10.1.2.3", given.ClientIp);
        Assert.Equal(time.GetUtcNow(), given.Time);
    }
}
