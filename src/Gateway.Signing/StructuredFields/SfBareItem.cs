namespace Gateway.Signing.StructuredFields;

/// <summary>
/// An RFC 8941 bare item. Read the property matching <see cref="Kind"/>; the others hold their defaults
/// (<c>0</c>, <see langword="null"/> or <see langword="false"/>).
/// </summary>
public readonly struct SfBareItem
{
    private SfBareItem(SfItemKind kind, long integer, decimal @decimal, string? text, byte[]? bytes, bool boolean)
    {
        Kind = kind;
        Integer = integer;
        Decimal = @decimal;
        Text = text;
        Bytes = bytes;
        Boolean = boolean;
    }

    /// <summary>The item's type.</summary>
    public SfItemKind Kind { get; }

    /// <summary>The value when <see cref="Kind"/> is <see cref="SfItemKind.Integer"/>.</summary>
    public long Integer { get; }

    /// <summary>The value when <see cref="Kind"/> is <see cref="SfItemKind.Decimal"/>.</summary>
    public decimal Decimal { get; }

    /// <summary>The (unescaped) value when <see cref="Kind"/> is <see cref="SfItemKind.String"/> or <see cref="SfItemKind.Token"/>.</summary>
    public string? Text { get; }

    /// <summary>The decoded bytes when <see cref="Kind"/> is <see cref="SfItemKind.ByteSequence"/>.</summary>
    public byte[]? Bytes { get; }

    /// <summary>The value when <see cref="Kind"/> is <see cref="SfItemKind.Boolean"/>.</summary>
    public bool Boolean { get; }

    /// <summary>Creates an integer item.</summary>
    public static SfBareItem FromInteger(long value) => new(SfItemKind.Integer, value, 0, null, null, false);

    /// <summary>Creates a decimal item.</summary>
    public static SfBareItem FromDecimal(decimal value) => new(SfItemKind.Decimal, 0, value, null, null, false);

    /// <summary>Creates a string item.</summary>
    public static SfBareItem FromString(string value) => new(SfItemKind.String, 0, 0, value, null, false);

    /// <summary>Creates a token item.</summary>
    public static SfBareItem FromToken(string value) => new(SfItemKind.Token, 0, 0, value, null, false);

    /// <summary>Creates a byte-sequence item.</summary>
    public static SfBareItem FromBytes(byte[] value) => new(SfItemKind.ByteSequence, 0, 0, null, value, false);

    /// <summary>Creates a boolean item.</summary>
    public static SfBareItem FromBoolean(bool value) => new(SfItemKind.Boolean, 0, 0, null, null, value);
}
