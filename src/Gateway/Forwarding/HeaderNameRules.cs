using Gateway.Authentication;

namespace Gateway.Forwarding;

/// <summary>
/// Recognises identity and credential header names the way upstream frameworks read them: case-insensitively and
/// with <c>_</c> taken for <c>-</c> (CGI, WSGI, PHP, Django and several Node frameworks map one to the other), so
/// <c>X_Gateway_Principal_Id</c> is removed like <c>X-Gateway-Principal-Id</c>.
/// </summary>
public static class HeaderNameRules
{
    /// <summary><c>true</c> for any spelling of an <c>X-Gateway-*</c> name.</summary>
    public static bool IsIdentity(string name) => StartsWithNormalised(name, IdentityHeaders.Prefix);

    /// <summary>
    /// <c>true</c> for any spelling of a header the registered schemes declared as a credential (<paramref name="credentials"/>:
    /// an exact name, or a name starting with a declared prefix such as <c>X-Amz-</c>).
    /// </summary>
    public static bool IsCredential(string name, CredentialHeaderSet credentials)
    {
        foreach (var prefix in credentials.Prefixes)
        {
            if (StartsWithNormalised(name, prefix))
            {
                return true;
            }
        }

        foreach (var credential in credentials.Names)
        {
            if (name.Length == credential.Length && StartsWithNormalised(name, credential))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Case-insensitive prefix test where <c>_</c> in <paramref name="name"/> counts as <c>-</c>.</summary>
    private static bool StartsWithNormalised(string name, string prefix)
    {
        if (name.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            var c = name[i] == '_' ? '-' : name[i];
            if (char.ToLowerInvariant(c) != char.ToLowerInvariant(prefix[i]))
            {
                return false;
            }
        }

        return true;
    }
}
