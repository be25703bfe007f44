using System.Diagnostics.CodeAnalysis;
using Gateway.Signing.Internal;

namespace Gateway.Signing.StructuredFields;

/// <summary>
/// A strict RFC 8941 parser for dictionaries (the shape of <c>Signature-Input</c>, <c>Signature</c> and
/// <c>Content-Digest</c>). Malformed input yields <see langword="false"/>; it never throws for any input.
/// </summary>
public static class StructuredFieldParser
{
    /// <summary>
    /// Parses an RFC 8941 dictionary. An empty or whitespace-only value parses as an empty dictionary, as RFC 8941
    /// specifies; callers decide whether that is acceptable.
    /// </summary>
    public static bool TryParseDictionary(string? input, [NotNullWhen(true)] out SfDictionary? dictionary)
    {
        dictionary = null;
        if (input is null)
        {
            return false;
        }

        var reader = new SfReader(input);
        reader.SkipSpaces();
        var members = new ScratchList<SfDictionaryMember>();
        while (!reader.AtEnd)
        {
            if (!reader.TryParseKey(out var key))
            {
                return false;
            }

            SfDictionaryMember member;
            if (reader.TryConsume('='))
            {
                if (reader.Peek == '(')
                {
                    if (!reader.TryParseInnerList(out var innerList))
                    {
                        return false;
                    }

                    member = new SfDictionaryMember(key, innerList);
                }
                else
                {
                    if (!reader.TryParseItem(out var item))
                    {
                        return false;
                    }

                    member = new SfDictionaryMember(key, item);
                }
            }
            else
            {
                if (!reader.TryParseParameters(out var parameters))
                {
                    return false;
                }

                member = new SfDictionaryMember(key, new SfItem(SfBareItem.FromBoolean(true), parameters));
            }

            members.Add(member);
            reader.SkipOptionalWhitespace();
            if (reader.AtEnd)
            {
                break;
            }

            if (!reader.TryConsume(','))
            {
                return false;
            }

            reader.SkipOptionalWhitespace();
            if (reader.AtEnd)
            {
                return false; // trailing comma
            }
        }

        dictionary = new SfDictionary(members.ToArray());
        return true;
    }
}
