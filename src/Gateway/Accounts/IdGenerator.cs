using Gateway.Accounts.Tokens;

namespace Gateway.Accounts;

/// <summary>Generates and checks the public identifiers <c>sa_…</c> (accounts) and <c>ak_…</c> (keys).</summary>
public static class IdGenerator
{
    /// <summary>Prefix of service-account ids.</summary>
    public const string AccountPrefix = "sa_";

    /// <summary>Prefix of key ids (and HMAC access key ids).</summary>
    public const string KeyPrefix = "ak_";

    /// <summary>Number of random base62 characters after the prefix: 16 (about 95 bits).</summary>
    public const int RandomLength = 16;

    /// <summary>A new account id.</summary>
    public static string NewAccountId() => AccountPrefix + Base62.Random(RandomLength);

    /// <summary>A new key id.</summary>
    public static string NewKeyId() => KeyPrefix + Base62.Random(RandomLength);

    /// <summary><c>true</c> when <paramref name="id"/> has the shape of an id with <paramref name="prefix"/>.</summary>
    public static bool IsValid(ReadOnlySpan<char> id, string prefix) =>
        id.Length == prefix.Length + RandomLength
        && id.StartsWith(prefix, StringComparison.Ordinal)
        && Base62.IsBase62(id[prefix.Length..]);
}
