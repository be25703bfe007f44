using System.Security.Cryptography;
using Gateway.Accounts.Secrets;
using Gateway.Authentication;

namespace Gateway.Tests.IdentityToken;

/// <summary>Inputs shared by the identity-token unit tests.</summary>
internal static class IdentityTokenTestKeys
{
    public static SecretProtector Protector(string id = "m1") => new([new MasterKey(id, RandomNumberGenerator.GetBytes(32))], id);

    public static GatewayIdentity Identity(string? project = "payments") => new()
    {
        PrincipalId = "sa_0123456789abcdef",
        PrincipalType = PrincipalTypes.ServiceAccount,
        Name = "deployer",
        OrgId = "acme",
        ProjectId = project,
        KeyId = "ak_0123456789abcdef",
        AuthScheme = "api-key",
        Scopes = ["builds:read", "builds:execute"],
    };
}
