using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Gateway.Accounts.Tokens;

namespace Gateway.Accounts;

/// <summary>
/// The paging cursors the admin API hands out: base64url of <c>"&lt;unix ms&gt;:&lt;id&gt;"</c> — the position of
/// the last item returned. Opaque to clients; anything this gateway did not issue fails to decode.
/// </summary>
public static class OpaqueCursor
{
    /// <summary>Longest cursor accepted: 128 characters.</summary>
    public const int MaxLength = 128;

    /// <summary>The cursor for the item at <paramref name="timeMs"/> with <paramref name="id"/>.</summary>
    public static string Encode(long timeMs, string id) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(timeMs.ToString(CultureInfo.InvariantCulture) + ":" + id));

    /// <summary>
    /// Decodes a cursor whose id is <paramref name="idPrefix"/> followed by base62 characters (of
    /// <paramref name="idLength"/> in all, or any length when 0); <c>false</c> for anything else.
    /// </summary>
    public static bool TryDecode(string? value, string idPrefix, int idLength, out long timeMs, out string id)
    {
        timeMs = 0;
        id = string.Empty;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
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
        if (colon <= 0 || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out timeMs))
        {
            return false;
        }

        var candidate = text.AsSpan(colon + 1);
        if (!candidate.StartsWith(idPrefix, StringComparison.Ordinal)
            || candidate.Length == idPrefix.Length
            || (idLength > 0 && candidate.Length != idLength)
            || !Base62.IsBase62(candidate[idPrefix.Length..]))
        {
            return false;
        }

        id = candidate.ToString();
        return true;
    }
}
