namespace Gateway.Accounts;

/// <summary>
/// A position in the account listing (creation time and id of the last item returned), serialised as an opaque
/// base64url string for clients.
/// </summary>
/// <param name="CreatedAtMs">Unix milliseconds of the last item's creation.</param>
/// <param name="Id">Id of the last item.</param>
public sealed record AccountCursor(long CreatedAtMs, string Id)
{
    /// <summary>The opaque form handed to clients as <c>nextCursor</c>.</summary>
    public string Encode() => OpaqueCursor.Encode(CreatedAtMs, Id);

    /// <summary>Parses a client-supplied cursor; <c>false</c> for anything this gateway did not issue.</summary>
    public static bool TryDecode(string? value, out AccountCursor? cursor)
    {
        var ok = OpaqueCursor.TryDecode(value, IdGenerator.AccountPrefix, IdGenerator.AccountPrefix.Length + IdGenerator.RandomLength,
            out var ms, out var id);
        cursor = ok ? new AccountCursor(ms, id) : null;
        return ok;
    }
}
