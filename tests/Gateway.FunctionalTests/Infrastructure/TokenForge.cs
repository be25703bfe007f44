using Gateway.Accounts;
using Gateway.Accounts.Tokens;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>Makes well-formed tokens the gateway never issued, for the invalid-credential cases.</summary>
public static class TokenForge
{
    /// <summary>A well-formed token for a key id that does not exist.</summary>
    public static string NewUnknownToken() => BearerToken.Create(IdGenerator.NewKeyId());

    /// <summary>A well-formed token for an existing key id with a secret that is not the key's.</summary>
    public static string NewTokenFor(string keyId) => BearerToken.Create(keyId);
}
