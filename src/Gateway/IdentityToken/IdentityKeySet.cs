using System.Text.Json;

namespace Gateway.IdentityToken;

/// <summary>
/// An immutable snapshot of the signing keys: one active key, one next key, and the retired keys still published.
/// Rotation and removal return new snapshots; <see cref="Version"/> grows with every change.
/// </summary>
public sealed class IdentityKeySet
{
    private byte[]? _jwks;

    /// <summary>A set of <paramref name="keys"/> (exactly one active).</summary>
    public IdentityKeySet(long version, IReadOnlyList<IdentitySigningKey> keys)
    {
        Version = version;
        Keys = keys;
        Active = keys.Single(k => k.State == SigningKeyState.Active);
        NextRemovalAt = keys.Where(k => k.RemoveAfter is not null).Select(k => k.RemoveAfter!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
    }

    /// <summary>Grows with every rotation or removal.</summary>
    public long Version { get; }

    /// <summary>Every published key.</summary>
    public IReadOnlyList<IdentitySigningKey> Keys { get; }

    /// <summary>The key that signs new tokens.</summary>
    public IdentitySigningKey Active { get; }

    /// <summary>When the next retired key leaves the set (<see cref="DateTimeOffset.MaxValue"/> when none will).</summary>
    public DateTimeOffset NextRemovalAt { get; }

    /// <summary>A first set: an active key and a next key.</summary>
    public static IdentityKeySet Initial(DateTimeOffset now) =>
        new(1, [IdentitySigningKey.Generate(SigningKeyState.Active, now), IdentitySigningKey.Generate(SigningKeyState.Next, now)]);

    /// <summary>
    /// The set after a rotation: the next key becomes active, the active key retires (published for
    /// <paramref name="retention"/> more: the token lifetime plus margins), a new next key is generated.
    /// </summary>
    public IdentityKeySet Rotate(DateTimeOffset now, TimeSpan retention)
    {
        var keys = new List<IdentitySigningKey>();
        var promoted = false;
        foreach (var key in Keys)
        {
            switch (key.State)
            {
                case SigningKeyState.Active:
                    keys.Add(key.With(SigningKeyState.Retired, key.ActivatedAt, now, now + retention));
                    break;
                case SigningKeyState.Next when !promoted:
                    keys.Add(key.With(SigningKeyState.Active, now, null, null));
                    promoted = true;
                    break;
                case SigningKeyState.Next:
                    break;
                default:
                    keys.Add(key);
                    break;
            }
        }

        if (!promoted)
        {
            keys.Add(IdentitySigningKey.Generate(SigningKeyState.Active, now));
        }

        keys.Add(IdentitySigningKey.Generate(SigningKeyState.Next, now));
        return new IdentityKeySet(Version + 1, keys);
    }

    /// <summary>The set without the retired keys due for removal at <paramref name="now"/>; this set when there are none.</summary>
    public IdentityKeySet WithoutRemoved(DateTimeOffset now) =>
        now < NextRemovalAt ? this : new IdentityKeySet(Version + 1, Keys.Where(k => k.RemoveAfter is not { } after || after > now).ToArray());

    /// <summary>The JWKS document (<c>{"keys":[…]}</c>) of every key of the set, rendered once.</summary>
    public byte[] Jwks => _jwks ??= RenderJwks();

    private byte[] RenderJwks()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in Keys)
            {
                EcJwk.WritePublic(writer, key.Key, key.Kid);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
