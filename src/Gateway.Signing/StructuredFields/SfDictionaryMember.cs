namespace Gateway.Signing.StructuredFields;

/// <summary>One member of an RFC 8941 dictionary: a key with either an item or an inner list.</summary>
public sealed class SfDictionaryMember
{
    /// <summary>Creates a member holding an item.</summary>
    public SfDictionaryMember(string key, SfItem item)
    {
        Key = key;
        Item = item;
    }

    /// <summary>Creates a member holding an inner list.</summary>
    public SfDictionaryMember(string key, SfInnerList innerList)
    {
        Key = key;
        InnerList = innerList;
    }

    /// <summary>The member key.</summary>
    public string Key { get; }

    /// <summary>The item, or <see langword="null"/> when the member is an inner list.</summary>
    public SfItem? Item { get; }

    /// <summary>The inner list, or <see langword="null"/> when the member is an item.</summary>
    public SfInnerList? InnerList { get; }
}
