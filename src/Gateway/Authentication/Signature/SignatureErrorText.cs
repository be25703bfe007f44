using System.Text;

namespace Gateway.Authentication.Signature;

/// <summary>Problem details for the parse errors of <c>Gateway.Signing</c>: <c>MissingKeyId</c> → "missing key id".</summary>
public static class SignatureErrorText
{
    /// <summary>The error's name in lower-case words.</summary>
    public static string Describe<T>(T error) where T : struct, Enum
    {
        var name = error.ToString();
        var builder = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
