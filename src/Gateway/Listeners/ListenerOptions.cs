namespace Gateway.Listeners;

/// <summary>
/// One listener: <c>Url</c> (<c>http://</c> or <c>https://</c>, an IP address, <c>localhost</c> or <c>*</c>, and a
/// port; port 0 picks a free one). HTTPS needs a certificate: a PEM <c>CertificatePath</c> with
/// <c>CertificateKeyPath</c>, or a PFX <c>CertificatePath</c> with optional <c>CertificatePassword</c>.
/// </summary>
public sealed class ListenerOptions
{
    /// <summary>Where to listen, e.g. <c>http://0.0.0.0:8080</c>.</summary>
    public string Url { get; set; } = "";

    /// <summary>Certificate file for HTTPS (PEM or PFX); <c>null</c> for HTTP.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key file, when <see cref="CertificatePath"/> is PEM.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>PFX password, when needed.</summary>
    public string? CertificatePassword { get; set; }
}
