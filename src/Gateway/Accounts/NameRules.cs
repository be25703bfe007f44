using System.Net;

namespace Gateway.Accounts;

/// <summary>Shape rules for names, org/project ids and CIDR entries, shared by the admin API and start-up checks.</summary>
public static class NameRules
{
    /// <summary>
    /// <c>true</c> for 1 to <see cref="AccountDefaults.MaxNameLength"/> characters of ASCII letters, digits, <c>.</c>,
    /// <c>-</c> and <c>_</c>, starting with a letter or digit. Such values are safe in headers, logs and paths.
    /// </summary>
    public static bool IsValidIdentifier(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > AccountDefaults.MaxNameLength || !char.IsAsciiLetterOrDigit(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Parses a CIDR block (IPv4 or IPv6) or a single address (taken as /32 or /128) into its canonical text.
    /// <c>false</c> when malformed or when bits beyond the prefix are set (a likely typo).
    /// </summary>
    public static bool TryNormalizeCidr(string? value, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64 || value.Contains('%'))
        {
            return false;
        }

        var address = value.Contains('/') ? value[..value.IndexOf('/', StringComparison.Ordinal)] : value;
        if (!address.Contains(':') && !IsDottedQuad(address))
        {
            // IPAddress.TryParse also takes "10.1" and "0x0A.0.0.0"; an allowlist entry must be written out in full.
            return false;
        }

        if (!value.Contains('/'))
        {
            if (!IPAddress.TryParse(value, out var single))
            {
                return false;
            }

            normalized = new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128).ToString();
            return true;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (!IPNetwork.TryParse(value, out var network)
            || !IPAddress.TryParse(value.AsSpan(0, slash), out var written)
            || !written.Equals(network.BaseAddress))
        {
            return false;
        }

        normalized = network.ToString();
        return true;
    }

    private static bool IsDottedQuad(string address)
    {
        var parts = address.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit));
    }
}
