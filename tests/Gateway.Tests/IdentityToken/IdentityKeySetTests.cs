using System.Text.Json;
using Gateway.IdentityToken;

namespace Gateway.Tests.IdentityToken;

public sealed class IdentityKeySetTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(6.5);

    private static string[] Kids(IdentityKeySet set) =>
        JsonDocument.Parse(set.Jwks).RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();

    [Fact]
    public void Initial_HasAnActiveAndAPublishedNextKey()
    {
        var set = IdentityKeySet.Initial(T0);

        Assert.Equal([SigningKeyState.Active, SigningKeyState.Next], set.Keys.Select(k => k.State));
        Assert.Equal(set.Keys.Select(k => k.Kid), Kids(set));
    }

    [Fact]
    public void Rotate_PromotesNext_RetiresActive_AndPublishesANewNext()
    {
        var set = IdentityKeySet.Initial(T0);
        var (active, next) = (set.Active.Kid, set.Keys.Single(k => k.State == SigningKeyState.Next).Kid);

        var rotated = set.Rotate(T0.AddHours(1), Retention);

        Assert.Equal(next, rotated.Active.Kid);
        Assert.Equal(T0.AddHours(1), rotated.Active.ActivatedAt);
        var retired = rotated.Keys.Single(k => k.Kid == active);
        Assert.Equal(SigningKeyState.Retired, retired.State);
        Assert.Equal(T0.AddHours(1) + Retention, retired.RemoveAfter);
        var newNext = Assert.Single(rotated.Keys, k => k.State == SigningKeyState.Next);
        Assert.DoesNotContain(newNext.Kid, new[] { active, next });
        Assert.Equal(3, Kids(rotated).Length);
        Assert.True(rotated.Version > set.Version);
    }

    [Fact]
    public void RetiredKey_StaysUntilItsRemovalTime_ThenLeaves()
    {
        var rotated = IdentityKeySet.Initial(T0).Rotate(T0, Retention);
        var retired = rotated.Keys.Single(k => k.State == SigningKeyState.Retired).Kid;

        Assert.Same(rotated, rotated.WithoutRemoved(T0 + Retention - TimeSpan.FromTicks(1)));
        var pruned = rotated.WithoutRemoved(T0 + Retention);

        Assert.DoesNotContain(retired, Kids(pruned));
        Assert.Equal(2, pruned.Keys.Count);
        Assert.Equal(DateTimeOffset.MaxValue, pruned.NextRemovalAt);
    }

    [Fact]
    public void TwoRotations_KeepBothRetiredKeysUntilTheirOwnTimes()
    {
        var twice = IdentityKeySet.Initial(T0).Rotate(T0, Retention).Rotate(T0.AddMinutes(1), Retention);

        Assert.Equal(2, twice.Keys.Count(k => k.State == SigningKeyState.Retired));
        Assert.Single(twice.WithoutRemoved(T0 + Retention).Keys, k => k.State == SigningKeyState.Retired);
    }
}
