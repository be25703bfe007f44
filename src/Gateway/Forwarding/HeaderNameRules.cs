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

    /// <summary><c>true</c> for any spelling of a credential header or of an <c>X-Amz-*</c> name.</summary>
    public static bool IsCredential(string name)
    {
        if (StartsWithNormalised(name, IdentityHeaders.AmzPrefix))
        {
            return true;
        }

        foreach (var credential in IdentityHeaders.CredentialHeaders)
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
