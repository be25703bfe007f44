namespace Gateway.Accounts;

/// <summary>The effective state of a key at a given instant.</summary>
public enum KeyStatus
{
    /// <summary>Not revoked and not past its expiry.</summary>
    Active,

    /// <summary>Past <see cref="ApiKey.ExpiresAt"/>.</summary>
    Expired,

    /// <summary>Revoked by an operator, a renewal, a runner re-provisioning or an account deletion.</summary>
    Revoked,
}
