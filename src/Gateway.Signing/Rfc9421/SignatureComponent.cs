namespace Gateway.Signing.Rfc9421;

/// <summary>One covered component of an RFC 9421 signature.</summary>
public sealed class SignatureComponent
{
    internal SignatureComponent(string name)
    {
        Name = name;
        Identifier = "\"" + name + "\"";
    }

    /// <summary>The component name: a derived name such as <c>@method</c> or a lowercase header name.</summary>
    public string Name { get; }

    /// <summary>The serialized component identifier as it starts a signature base line, e.g. <c>"@method"</c>.</summary>
    public string Identifier { get; }

    /// <summary>True for derived components (names starting with <c>@</c>).</summary>
    public bool IsDerived => Name.StartsWith('@');

    /// <inheritdoc />
    public override string ToString() => Identifier;
}
