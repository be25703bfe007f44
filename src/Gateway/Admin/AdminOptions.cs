namespace Gateway.Admin;

/// <summary><c>Gateway:Admin</c>: the bootstrap administrator.</summary>
public sealed class AdminOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Admin";

    /// <summary>
    /// A <c>gwk_</c> token to install as the bootstrap admin's key on first start (env
    /// <c>GATEWAY__ADMIN__BOOTSTRAPKEY</c>). When unset a key is generated and written to
    /// <c>&lt;data dir&gt;/bootstrap-admin.key</c> (mode 0600). Ignored once the store holds any account.
    /// </summary>
    public string? BootstrapKey { get; set; }

    /// <summary>Org of the bootstrap admin account. Default <c>system</c>.</summary>
    public string BootstrapOrg { get; set; } = "system";
}
