using Gateway.Client.Admin;

namespace Gateway.Cli.Output;

/// <summary>Keys as tables.</summary>
public static class KeyView
{
    /// <summary>Column headers of <see cref="List"/>.</summary>
    public static readonly string[] Headers = ["ID", "KIND", "STATUS", "FINGERPRINT", "CREATED", "EXPIRES", "LAST USED", "DESCRIPTION", "REVOKES"];

    /// <summary>Keys, one per row: never a secret.</summary>
    public static string List(IEnumerable<ApiKeyInfo> keys) => TextTable.Render(Headers, keys.Select(k => (IReadOnlyList<string>)
    [
        k.Id, k.Kind, k.Status, k.Fingerprint, Display.Time(k.CreatedAt), Display.Time(k.ExpiresAt), Display.Time(k.LastUsedAt),
        Display.Text(k.Description), Display.Time(k.Status == "active" ? k.RevokesAt : null),
    ]));

    /// <summary>A key just issued, field by field, with its secret (shown this once).</summary>
    public static string Issued(IssuedApiKey key)
    {
        var fields = new List<(string, string)>
        {
            ("ID", key.Id),
            ("Account", key.AccountId),
            ("Kind", key.Kind),
            ("Description", Display.Text(key.Description)),
            ("Fingerprint", key.Fingerprint),
            ("Allowed CIDRs", Display.List(key.AllowedCidrs)),
            ("Created", Display.Time(key.CreatedAt)),
            ("Expires", Display.Time(key.ExpiresAt)),
        };
        if (key.RateLimit is { } rate)
        {
            fields.Add(("Rate limit", rate.ToString()));
        }

        if (key.Quota is { } quota)
        {
            fields.Add(("Quota", quota.ToString()));
        }

        if (key.Token is { } token)
        {
            fields.Add(("Token", token));
        }

        if (key.AccessKeyId is { } accessKeyId)
        {
            fields.Add(("Access key ID", accessKeyId));
        }

        if (key.Secret is { } secret)
        {
            fields.Add(("Secret", secret));
        }

        return TextTable.Fields(fields);
    }
}
