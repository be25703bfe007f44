using Gateway.Signing.Internal;

namespace Gateway.Signing.Rfc9421;

/// <summary>
/// Builds the RFC 9421 §2.5 signature base: one <c>"component": value</c> line per covered component, then the
/// <c>"@signature-params"</c> line holding the inner list exactly as received; lines joined by LF, no trailing LF.
/// </summary>
public static class SignatureBase
{
    private static ReadOnlySpan<byte> SignatureParamsPrefix => "\"@signature-params\": "u8;

    /// <summary>
    /// Builds the signature base as a string (for diagnostics and tests; verification writes bytes directly).
    /// Returns <see cref="Rfc9421Error.None"/> on success.
    /// </summary>
    public static Rfc9421Error TryBuild(ISignableRequest request, Rfc9421Signature signature, out string? signatureBase)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signature);
        signatureBase = null;
        var builder = new ValueUtf8Builder(512);
        try
        {
            var error = Write(ref builder, request, signature);
            if (error == Rfc9421Error.None)
            {
                signatureBase = builder.ToString();
            }

            return error;
        }
        finally
        {
            builder.Dispose();
        }
    }

    internal static Rfc9421Error Write(ref ValueUtf8Builder builder, ISignableRequest request, Rfc9421Signature signature)
    {
        if (!signature.IsValid)
        {
            return signature.Error;
        }

        var components = signature.Components;
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            builder.Append(component.Identifier);
            builder.AppendAscii(':');
            builder.AppendAscii(' ');
            var error = component.IsDerived
                ? WriteDerived(ref builder, request, component.Name)
                : WriteField(ref builder, request, component.Name);
            if (error != Rfc9421Error.None)
            {
                return error;
            }

            builder.AppendAscii('\n');
        }

        builder.Append(SignatureParamsPrefix);
        builder.Append(signature.SignatureParametersSpan);
        return Rfc9421Error.None;
    }

    private static Rfc9421Error WriteField(ref ValueUtf8Builder builder, ISignableRequest request, string name)
    {
        if (!request.TryGetHeader(name, out var values) || values.Count == 0)
        {
            return Rfc9421Error.MissingComponentValue;
        }

        // RFC 9421 §2.1: trim each field line, then join the lines with ", ".
        for (var i = 0; i < values.Count; i++)
        {
            var value = (values[i] ?? string.Empty).AsSpan().Trim(" \t");
            if (HeaderValues.ContainsLineBreak(value))
            {
                return Rfc9421Error.InvalidComponentValue;
            }

            if (i > 0)
            {
                builder.AppendAscii(',');
                builder.AppendAscii(' ');
            }

            builder.Append(value);
        }

        return Rfc9421Error.None;
    }

    private static Rfc9421Error WriteDerived(ref ValueUtf8Builder builder, ISignableRequest request, string name)
    {
        var path = request.PathSpan.IsEmpty ? "/" : request.PathSpan;
        var query = request.QuerySpan;
        if (HeaderValues.ContainsLineBreak(request.Method)
            || HeaderValues.ContainsLineBreak(request.Scheme)
            || HeaderValues.ContainsLineBreak(request.Authority)
            || HeaderValues.ContainsLineBreak(path)
            || HeaderValues.ContainsLineBreak(query))
        {
            return Rfc9421Error.InvalidComponentValue;
        }

        switch (name)
        {
            case Rfc9421Components.Method:
                builder.Append(request.Method);
                break;
            case Rfc9421Components.Authority:
                AppendAuthority(ref builder, request);
                break;
            case Rfc9421Components.Scheme:
                AppendLowerAscii(ref builder, request.Scheme);
                break;
            case Rfc9421Components.Path:
                builder.Append(path);
                break;
            case Rfc9421Components.Query:
                builder.Append(query.IsEmpty ? "?" : query);
                break;
            case Rfc9421Components.RequestTarget:
                builder.Append(path);
                builder.Append(query);
                break;
            case Rfc9421Components.TargetUri:
                AppendLowerAscii(ref builder, request.Scheme);
                builder.Append("://");
                AppendAuthority(ref builder, request);
                builder.Append(path);
                builder.Append(query);
                break;
            default:
                return Rfc9421Error.UnsupportedDerivedComponent;
        }

        return Rfc9421Error.None;
    }

    /// <summary>RFC 9421 §2.2.3: the authority lowercased, without the scheme's default port.</summary>
    private static void AppendAuthority(ref ValueUtf8Builder builder, ISignableRequest request)
    {
        var authority = request.Authority.AsSpan();
        if ((request.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase) && authority.EndsWith(":443"))
            || (request.Scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && authority.EndsWith(":80")))
        {
            authority = authority[..authority.LastIndexOf(':')];
        }

        AppendLowerAscii(ref builder, authority);
    }

    private static void AppendLowerAscii(ref ValueUtf8Builder builder, ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x80)
            {
                // Non-ASCII authorities are unusual; append the rest as UTF-8 without case folding.
                builder.Append(value[i..]);
                return;
            }

            builder.AppendAscii(c is >= 'A' and <= 'Z' ? (char)(c + 32) : c);
        }
    }
}
