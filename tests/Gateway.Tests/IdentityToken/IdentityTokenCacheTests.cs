using Gateway.IdentityToken;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.IdentityToken;

public sealed class IdentityTokenCacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "idtoken-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
    private readonly IdentityKeyRing _ring;
    private readonly IdentityTokenCache _cache;

    public IdentityTokenCacheTests()
    {
        Directory.CreateDirectory(_directory);
        var options = Options.Create(new IdentityTokenOptions());
        _ring = new IdentityKeyRing(new FileIdentityKeyStore(Path.Combine(_directory, FileIdentityKeyStore.FileName)),
            new IdentityKeyDocument(IdentityTokenTestKeys.Protector()), _clock, options, NullLogger<IdentityKeyRing>.Instance);
        _cache = new IdentityTokenCache(_ring, new IdentityTokenIssuer("urn:gateway", TimeSpan.FromMinutes(5)), _clock);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void WithoutLoadedKeys_ThereIsNoToken()
    {
        Assert.Null(_cache.Get(IdentityTokenTestKeys.Identity(), "a"));
    }

    [Fact]
    public async Task SameIdentityAndAudience_ReusesTheToken_UntilAQuarterOfItsLifeIsLeft()
    {
        await _ring.RefreshAsync(CancellationToken.None);
        var identity = IdentityTokenTestKeys.Identity();

        var first = _cache.Get(identity, "a");
        _clock.Advance(TimeSpan.FromSeconds(224));
        var stillCached = _cache.Get(identity, "a");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var refreshed = _cache.Get(identity, "a");

        Assert.NotNull(first);
        Assert.Same(first, stillCached);
        Assert.NotEqual(first, refreshed);
    }

    [Fact]
    public async Task OtherAudience_OtherIdentityObject_OrARotation_GetsAnotherToken()
    {
        await _ring.RefreshAsync(CancellationToken.None);
        var identity = IdentityTokenTestKeys.Identity();
        var first = _cache.Get(identity, "a");

        Assert.NotEqual(first, _cache.Get(identity, "b"));
        Assert.NotEqual(first, _cache.Get(IdentityTokenTestKeys.Identity(), "a"));
        Assert.Same(first, _cache.Get(identity, "a"));

        var rotated = await _ring.RotateAsync(CancellationToken.None);
        var afterRotation = _cache.Get(identity, "a");
        Assert.NotEqual(first, afterRotation);
        Assert.Equal(rotated.Active.Kid, System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(afterRotation!.Split('.')[0])).RootElement.GetProperty("kid").GetString());
    }

    [Fact]
    public async Task ManyAudiences_AreBounded_PerIdentity()
    {
        await _ring.RefreshAsync(CancellationToken.None);
        var identity = IdentityTokenTestKeys.Identity();
        var first = _cache.Get(identity, "aud-0");
        for (var i = 1; i <= IdentityTokenCache.MaxAudiencesPerIdentity; i++)
        {
            _cache.Get(identity, "aud-" + i);
        }

        Assert.NotEqual(first, _cache.Get(identity, "aud-0"));
        Assert.Same(_cache.Get(identity, "aud-5"), _cache.Get(identity, "aud-5"));
    }
}
