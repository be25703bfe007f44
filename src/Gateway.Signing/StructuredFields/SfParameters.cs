namespace Gateway.Signing.StructuredFields;

/// <summary>
/// The ordered parameters of an item or inner list, exactly as received. Unlike RFC 8941's overwrite rule, every
/// occurrence is kept so that callers can reject duplicates (<see cref="HasDuplicateKeys"/>); <see cref="TryGet"/>
/// returns the last occurrence, as RFC 8941 would.
/// </summary>
public sealed class SfParameters
{
    /// <summary>No parameters.</summary>
    public static readonly SfParameters Empty = new([]);

    private readonly KeyValuePair<string, SfBareItem>[] _entries;

    internal SfParameters(KeyValuePair<string, SfBareItem>[] entries)
    {
        _entries = entries;
        for (var i = 1; i < entries.Length && !HasDuplicateKeys; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(entries[i].Key, entries[j].Key, StringComparison.Ordinal))
                {
                    HasDuplicateKeys = true;
                    break;
                }
            }
        }
    }

    /// <summary>The parameters in the order received.</summary>
    public IReadOnlyList<KeyValuePair<string, SfBareItem>> Entries => _entries;

    /// <summary>The number of parameters.</summary>
    public int Count => _entries.Length;

    /// <summary>True when a key occurs more than once.</summary>
    public bool HasDuplicateKeys { get; }

    /// <summary>Gets the last value of <paramref name="key"/>.</summary>
    public bool TryGet(string key, out SfBareItem value)
    {
        for (var i = _entries.Length - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.Ordinal))
            {
                value = _entries[i].Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
