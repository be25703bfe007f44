using Gateway.Client.Signing.Rfc9421;
using Gateway.Client.Signing.SigV4;

namespace Gateway.Client.Signing;

/// <summary>
/// The signature schemes a caller can sign with, in registration order (the first is the default). <see cref="Default"/>
/// is the one place the schemes are registered; <c>gatewayctl</c>'s <c>--scheme</c> choices and
/// <see cref="GatewaySigningOptions.Scheme"/> come from it.
/// </summary>
public sealed class SigningSchemeRegistry
{
    private readonly List<IRequestSigner> _schemes = [];

    /// <summary>Every scheme of this library: RFC 9421 (the default), then AWS SigV4.</summary>
    public static SigningSchemeRegistry Default { get; } = new SigningSchemeRegistry()
        .Add(new Rfc9421RequestSigner())
        .Add(new SigV4RequestSigner());

    /// <summary>The schemes, in registration order.</summary>
    public IReadOnlyList<IRequestSigner> Schemes => _schemes;

    /// <summary>The schemes' names, in registration order.</summary>
    public IReadOnlyList<string> Names => [.. _schemes.Select(s => s.Name)];

    /// <summary>Adds <paramref name="signer"/>; a second scheme of the same name (case-insensitive) is refused.</summary>
    public SigningSchemeRegistry Add(IRequestSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentException.ThrowIfNullOrWhiteSpace(signer.Name);
        if (TryGet(signer.Name, out _))
        {
            throw new ArgumentException($"A signing scheme named '{signer.Name}' is already registered.", nameof(signer));
        }

        _schemes.Add(signer);
        return this;
    }

    /// <summary>The scheme named <paramref name="name"/> (case-insensitive), or <c>false</c>.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IRequestSigner? signer)
    {
        signer = _schemes.Find(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        return signer is not null;
    }

    /// <summary>
    /// The scheme named <paramref name="name"/>, or the first registered when <paramref name="name"/> is <c>null</c>;
    /// an <see cref="ArgumentException"/> naming the registered choices otherwise.
    /// </summary>
    public IRequestSigner Get(string? name)
    {
        if (name is null && _schemes.Count > 0)
        {
            return _schemes[0];
        }

        return name is not null && TryGet(name, out var signer)
            ? signer
            : throw new ArgumentException($"Unknown signing scheme '{name}'; choose one of: {string.Join(", ", Names)}.", nameof(name));
    }
}
