namespace Gateway.LoadTests;

/// <summary>
/// The bearer tokens of a credentials file, packed into one character array (a million tokens are one object for the
/// load generator's GC, not a million strings), each request taking one uniformly at random: over the 1,000,000-key
/// store that is the uniform key stream issue #11 sizes the credential cache against, which a cache of 100,000
/// entries with a 60 s lifetime mostly misses; over a 1,000-key store, every key stays cached.
/// </summary>
public sealed class BearerTokenSet
{
    private readonly char[] _chars;
    private readonly int[] _starts; // token i is _chars[_starts[i].._starts[i + 1]]

    private BearerTokenSet(char[] chars, int[] starts)
    {
        _chars = chars;
        _starts = starts;
    }

    /// <summary>How many tokens the set holds.</summary>
    public int Count => _starts.Length - 1;

    /// <summary>The bearer tokens of the credentials file at <paramref name="path"/>, in file order.</summary>
    public static BearerTokenSet Read(string path)
    {
        var chars = new List<char>();
        var starts = new List<int> { 0 };
        foreach (var token in CredentialsFile.BearerTokenLines(path))
        {
            chars.AddRange(token.AsSpan());
            starts.Add(chars.Count);
        }

        return new BearerTokenSet([.. chars], [.. starts]);
    }

    /// <summary>The <c>Authorization</c> value of token <paramref name="index"/>: <c>Bearer &lt;token&gt;</c>.</summary>
    public string AuthorizationValue(int index)
    {
        var start = _starts[index];
        var token = _chars.AsSpan(start, _starts[index + 1] - start);
        return string.Concat("Bearer ", token);
    }
}
