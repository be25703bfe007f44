using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Gateway.Audit;

/// <summary>The opaque audit paging cursor: base64url of "time:id" of the last event returned.</summary>
public static class AuditCursor
{
    /// <summary>Prefix of audit event ids.</summary>
    public const string IdPrefix = "ev_";

    /// <summary>Cursor after <paramref name="last"/>.</summary>
    public static string Encode(AuditEvent last) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(last.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ":" + last.Id));

    /// <summary>Parses a cursor this API issued; <c>false</c> otherwise.</summary>
    public static bool TryDecode(string value, out (long TimeMs, string Id) position)
    {
        position = default;
        if (value.Length > 128)
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
        if (colon <= 0 || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || !text.AsSpan(colon + 1).StartsWith(IdPrefix, StringComparison.Ordinal)
            || !Accounts.Tokens.Base62.IsBase62(text.AsSpan(colon + 1 + IdPrefix.Length)))
        {
            return false;
        }

        position = (ms, text[(colon + 1)..]);
        return true;
    }

    /// <summary>A new event id.</summary>
    public static string NewId() => IdPrefix + Accounts.Tokens.Base62.Random(20);
}
