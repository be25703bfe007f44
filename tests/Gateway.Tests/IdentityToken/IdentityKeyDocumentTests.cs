using System.Text.Json.Nodes;
using Gateway.IdentityToken;

namespace Gateway.Tests.IdentityToken;

public sealed class IdentityKeyDocumentTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void Document_RoundTripsStatesDatesAndKeys_WithPrivateKeysSealed()
    {
        var document = new IdentityKeyDocument(IdentityTokenTestKeys.Protector());
        var set = IdentityKeySet.Initial(T0).Rotate(T0.AddMinutes(10), TimeSpan.FromMinutes(7));

        var text = document.Write(set);
        var read = document.Read(text, known: null);

        Assert.DoesNotContain("PRIVATE", text, StringComparison.Ordinal);
        Assert.Equal(set.Keys.Select(k => (k.Kid, k.State, k.CreatedAt, k.ActivatedAt, k.RetiredAt, k.RemoveAfter)),
            read.Keys.Select(k => (k.Kid, k.State, k.CreatedAt, k.ActivatedAt, k.RetiredAt, k.RemoveAfter)));
        Assert.Equal(set.Jwks, read.Jwks);
        Assert.Equal(set.Active.Key.ExportParameters(true).D, read.Active.Key.ExportParameters(true).D);
    }

    [Fact]
    public void AnotherMasterKey_OrASealedKeyMovedToAnotherKid_CannotBeRead()
    {
        var text = new IdentityKeyDocument(IdentityTokenTestKeys.Protector()).Write(IdentityKeySet.Initial(T0));
        Assert.Throws<InvalidDataException>(() => new IdentityKeyDocument(IdentityTokenTestKeys.Protector()).Read(text, null));

        var protector = IdentityTokenTestKeys.Protector();
        var document = new IdentityKeyDocument(protector);
        var root = JsonNode.Parse(document.Write(IdentityKeySet.Initial(T0)))!;
        var keys = root["keys"]!.AsArray();
        (keys[0]!["sealedPrivateKey"], keys[1]!["sealedPrivateKey"]) =
            (keys[1]!["sealedPrivateKey"]!.GetValue<string>(), keys[0]!["sealedPrivateKey"]!.GetValue<string>());
        Assert.Throws<InvalidDataException>(() => document.Read(root.ToJsonString(), null));
        Assert.Throws<InvalidDataException>(() => document.Read("{\"keys\":", null));
    }
}
