namespace Gateway.Signing.StructuredFields;

/// <summary>
/// An RFC 8941 dictionary. Every member is kept in the order received, including repeated keys, so that callers
/// can reject duplicates (<see cref="HasDuplicateKeys"/>) instead of silently taking the last one.
/// </summary>
public sealed class SfDictionary
{
    internal SfDictionary(IReadOnlyList<SfDictionaryMember> members)
    {
        Members = members;
        if (members.Count <= 8)
        {
            // The usual handful of members: compared pairwise, no set to allocate.
            for (var i = 1; i < members.Count && !HasDuplicateKeys; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(members[i].Key, members[j].Key, StringComparison.Ordinal))
                    {
                        HasDuplicateKeys = true;
                        break;
                    }
                }
            }

            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (!seen.Add(member.Key))
            {
                HasDuplicateKeys = true;
                break;
            }
        }
    }

    /// <summary>The members in the order received.</summary>
    public IReadOnlyList<SfDictionaryMember> Members { get; }

    /// <summary>True when a key occurs more than once.</summary>
    public bool HasDuplicateKeys { get; }

    /// <summary>Gets the last member named <paramref name="key"/>.</summary>
    public bool TryGet(string key, out SfDictionaryMember? member)
    {
        for (var i = Members.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Members[i].Key, key, StringComparison.Ordinal))
            {
                member = Members[i];
                return true;
            }
        }

        member = null;
        return false;
    }
}
