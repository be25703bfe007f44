namespace Gateway.Accounts.Secrets;

/// <summary>One configured master key: <c>Gateway:Signing:MasterKeys:N:Id</c> and <c>:Key</c>.</summary>
public sealed class MasterKeyOptions
{
    /// <summary>Short name stored with every secret it seals; 1-32 of <c>[A-Za-z0-9._-]</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Base64 of exactly 32 random bytes.</summary>
    public string Key { get; set; } = "";
}
