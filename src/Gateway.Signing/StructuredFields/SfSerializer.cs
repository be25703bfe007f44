using System.Globalization;
using System.Text;

namespace Gateway.Signing.StructuredFields;

/// <summary>RFC 8941 serialization of the few shapes the signers emit (strings, integers, keys).</summary>
internal static class SfSerializer
{
    /// <summary>True when <paramref name="value"/> can be an sf-string (printable ASCII only).</summary>
    public static bool IsValidString(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="value"/> is a valid dictionary or parameter key.</summary>
    public static bool IsValidKey(string value)
    {
        if (value.Length == 0 || !(value[0] is (>= 'a' and <= 'z') or '*'))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.' or '*'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Appends <paramref name="value"/> as a quoted sf-string; the caller validated it.</summary>
    public static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }

    /// <summary>Appends an sf-integer.</summary>
    public static void AppendInteger(StringBuilder builder, long value) =>
        builder.Append(value.ToString(CultureInfo.InvariantCulture));
}
