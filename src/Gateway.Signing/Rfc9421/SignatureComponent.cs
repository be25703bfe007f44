namespace Gateway.Signing.Rfc9421;

/// <summary>One covered component of an RFC 9421 signature.</summary>
public sealed class SignatureComponent
{
    /// <summary>The components nearly every signature covers, shared instead of allocated per request (immutable).</summary>
    private static readonly SignatureComponent[] Common =
    [
        new(Rfc9421Components.Method), new(Rfc9421Components.Authority), new(Rfc9421Components.Path),
        new(Rfc9421Components.Query), new(Rfc9421Components.ContentDigest), new(Rfc9421Components.TargetUri),
        new(Rfc9421Components.Scheme), new(Rfc9421Components.RequestTarget), new("content-type"), new("content-length"),
        new("date"),
    ];

    internal SignatureComponent(string name)
    {
        Name = name;
        Identifier = "\"" + name + "\"";
    }

    /// <summary>The component named <paramref name="name"/>: a shared instance for the common ones.</summary>
    internal static SignatureComponent For(string name)
    {
        foreach (var common in Common)
        {
            if (string.Equals(common.Name, name, StringComparison.Ordinal))
            {
                return common;
            }
        }

        return new SignatureComponent(name);
    }

    /// <summary>The component named <paramref name="name"/>: a shared instance for the common ones (no string allocated for them).</summary>
    internal static SignatureComponent For(ReadOnlySpan<char> name)
    {
        foreach (var common in Common)
        {
            if (name.SequenceEqual(common.Name))
            {
                return common;
            }
        }

        return new SignatureComponent(name.ToString());
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
