namespace Gateway.Authentication;

/// <summary>Values of <c>X-Gateway-Principal-Type</c>.</summary>
public static class PrincipalTypes
{
    /// <summary>A non-human service account.</summary>
    public const string ServiceAccount = "service_account";

    /// <summary>A key owned by a person.</summary>
    public const string User = "user";
}
