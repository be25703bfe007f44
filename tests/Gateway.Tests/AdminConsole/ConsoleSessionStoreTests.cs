using Gateway.AdminConsole;
using Gateway.Client.Admin;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.AdminConsole;

public sealed class ConsoleSessionStoreTests
{
    private const string Key = "gwk_AtaQMG4UDmZruhsZ_qeI2ZRA54hZJxQ3bihjrVTongdkPSRe708YiAmGnJO63eRHsv";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

    private ConsoleSessionStore Store(int maxSessions = 1000) => new(Options.Create(new ConsoleOptions
    {
        IdleTimeout = TimeSpan.FromMinutes(20), AbsoluteTimeout = TimeSpan.FromHours(8), MaxSessions = maxSessions,
    }), _time);

    [Fact]
    public void Session_ids_are_opaque_random_and_do_not_contain_the_key()
    {
        var store = Store();
        var a = store.Create(Key);
        var b = store.Create(Key);
        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(43, a.Id.Length); // 256 bits, base64url
        Assert.DoesNotContain("AtaQMG4UDmZruhsZ", a.Id);
        Assert.Equal("ak_AtaQMG4UDmZruhsZ", a.KeyId);
        Assert.Same(a, store.Find(a.Id));
        Assert.Null(store.Find("not-a-session"));
        Assert.Null(store.Find(null));
    }

    [Fact]
    public void An_idle_session_ends_and_activity_keeps_it_alive()
    {
        var store = Store();
        var session = store.Create(Key);
        _time.Advance(TimeSpan.FromMinutes(19));
        Assert.NotNull(store.Find(session.Id));
        _time.Advance(TimeSpan.FromMinutes(19));
        Assert.NotNull(store.Find(session.Id));
        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.Null(store.Find(session.Id));
    }

    [Fact]
    public void A_busy_session_still_ends_at_the_absolute_timeout()
    {
        var store = Store();
        var session = store.Create(Key);
        for (var i = 0; i < 47; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(10));
            Assert.NotNull(store.Find(session.Id));
        }

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(store.Find(session.Id));
    }

    [Fact]
    public void Sign_out_destroys_the_session_and_the_oldest_session_makes_room()
    {
        var store = Store(maxSessions: 2);
        var first = store.Create(Key);
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = store.Create(Key);
        store.Remove(second.Id);
        Assert.Null(store.Find(second.Id));

        var third = store.Create(Key);
        _time.Advance(TimeSpan.FromSeconds(1));
        var fourth = store.Create(Key);
        Assert.Null(store.Find(first.Id));
        Assert.NotNull(store.Find(third.Id));
        Assert.NotNull(store.Find(fourth.Id));
    }

    [Fact]
    public void A_held_secret_and_a_flash_message_are_read_exactly_once()
    {
        var session = Store().Create(Key);
        Assert.Null(session.TakeSecret());
        var issued = new IssuedApiKey { Id = "ak_x", AccountId = "sa_x", Kind = "bearer", Fingerprint = "SHA256:x", Status = "active", Token = "gwk_secret" };
        session.HoldSecret(issued);
        Assert.Same(issued, session.TakeSecret());
        Assert.Null(session.TakeSecret());

        session.Flash("Key revoked");
        Assert.Equal("Key revoked", session.TakeFlash());
        Assert.Null(session.TakeFlash());
    }
}
