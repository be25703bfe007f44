using System.Buffers.Text;
using System.Globalization;
using System.Text;

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
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
            CreatedAtMs.ToString(CultureInfo.InvariantCulture) + ":" + Id));

    /// <summary>Parses a client-supplied cursor; <c>false</c> for anything this gateway did not issue.</summary>
    public static bool TryDecode(string? value, out AccountCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value) || value.Length > 128)
        {
            return false;
        }

        byte[] raw;
        try
        {
            raw = Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(raw);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0
            || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || !IdGenerator.IsValid(text.AsSpan(colon + 1), IdGenerator.AccountPrefix))
        {
            return false;
        }

        cursor = new AccountCursor(ms, text[(colon + 1)..]);
        return true;
    }
}
