namespace Gateway.Audit;

/// <summary>The audit trail's paging cursor (an <see cref="Accounts.OpaqueCursor"/>) and its event ids.</summary>
public static class AuditCursor
{
    /// <summary>Prefix of audit event ids.</summary>
    public const string IdPrefix = "ev_";

    /// <summary>Random base62 characters after the prefix: 20.</summary>
    public const int IdLength = 20;

    /// <summary>Cursor after <paramref name="last"/>.</summary>
    public static string Encode(AuditEvent last) => Accounts.OpaqueCursor.Encode(last.Time.ToUnixTimeMilliseconds(), last.Id);

    /// <summary>Parses a cursor this API issued; <c>false</c> otherwise.</summary>
    public static bool TryDecode(string value, out (long TimeMs, string Id) position)
    {
        var ok = Accounts.OpaqueCursor.TryDecode(value, IdPrefix, IdPrefix.Length + IdLength, out var ms, out var id);
        position = (ms, id);
        return ok;
    }
}
