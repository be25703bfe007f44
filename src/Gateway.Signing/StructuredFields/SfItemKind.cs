namespace Gateway.Signing.StructuredFields;

/// <summary>The type of an RFC 8941 bare item.</summary>
public enum SfItemKind
{
    /// <summary>An integer (at most 15 digits).</summary>
    Integer,

    /// <summary>A decimal (at most 12 integer and 3 fractional digits).</summary>
    Decimal,

    /// <summary>A quoted string of printable ASCII.</summary>
    String,

    /// <summary>A token (unquoted identifier).</summary>
    Token,

    /// <summary>A byte sequence (<c>:base64:</c>).</summary>
    ByteSequence,

    /// <summary>A boolean (<c>?1</c> / <c>?0</c>).</summary>
    Boolean,
}
