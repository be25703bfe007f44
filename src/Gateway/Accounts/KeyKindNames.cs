namespace Gateway.Accounts;

/// <summary>The wire names of <see cref="KeyKind"/> (the <c>kind</c> of a key in the admin API and runner requests).</summary>
public static class KeyKindNames
{
    /// <summary><see cref="KeyKind.Bearer"/>.</summary>
    public const string Bearer = "bearer";

    /// <summary><see cref="KeyKind.Hmac"/>.</summary>
    public const string Hmac = "hmac";
}
