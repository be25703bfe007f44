using System.Globalization;
using System.Runtime.CompilerServices;
using Gateway.Signing.Internal;

namespace Gateway.Signing.Rfc9421;

/// <summary>
/// The direct parse of the <c>Signature-Input</c> / <c>Signature</c> shapes a signed request carries, allocating only
/// the result (no RFC 8941 object model). It accepts a strict subset of what the general
/// <see cref="StructuredFields.StructuredFieldParser"/> path accepts, with the same outcome:
/// <list type="bullet">
/// <item><c>Signature-Input</c>: one to <see cref="MaxMembers"/> members <c>label=(…)</c> whose inner list holds only
/// plain strings (no escapes, no item parameters) naming distinct supported components, followed by at most
/// <see cref="MaxParameters"/> distinct parameters whose values are integers, plain strings or booleans, with
/// <c>created</c>/<c>expires</c> valid timestamps, <c>nonce</c>/<c>keyid</c>/<c>tag</c> strings and <c>alg</c>
/// exactly <c>"hmac-sha256"</c>;</item>
/// <item><c>Signature</c>: one to <see cref="MaxMembers"/> members <c>label=:base64:</c> without parameters, one for
/// every <c>Signature-Input</c> label;</item>
/// <item>no duplicate label in either header.</item>
/// </list>
/// Anything else — every malformed header, every signature that would be refused, and the rare legal shapes outside
/// the subset (escaped strings, decimals, tokens, more members) — returns <see langword="null"/>, and the caller runs
/// the general parser, which then decides with its precise error. So the direct path can never accept what the
/// general one refuses, nor read a value differently (the differential tests compare both on every input).
/// </summary>
internal static class Rfc9421DirectParser
{
    /// <summary>Members per header the direct path handles.</summary>
    internal const int MaxMembers = 4;

    /// <summary>Covered components per signature the direct path handles.</summary>
    internal const int MaxComponents = 16;

    /// <summary>Parameters per signature the direct path handles.</summary>
    internal const int MaxParameters = 8;

    /// <summary>RFC 8941 integers have at most 15 digits.</summary>
    private const int MaxIntegerDigits = 15;

    private static readonly long MaxTimestamp = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private static SignatureComponent[]? _lastComponents;

    /// <summary>The parse result, or <see langword="null"/> when the general parser must decide.</summary>
    public static Rfc9421ParseResult? TryParse(string signatureInput, string signature)
    {
        var parsed = default(Members);
        var count = TryRead(signatureInput, signature, ref parsed);
        if (count == 0)
        {
            return null;
        }

        var signatures = new Rfc9421Signature[count];
        for (var i = 0; i < count; i++)
        {
            signatures[i] = parsed[i]!;
        }

        return new Rfc9421ParseResult(Rfc9421Error.None, signatures);
    }

    /// <summary>
    /// The first signature of what <see cref="TryParse"/> would return (every signature it reads is valid, so the one
    /// <see cref="Rfc9421ParseResult.TrySelect"/> picks without a label), without the result and its array; or
    /// <see langword="null"/> when the general parser must decide.
    /// </summary>
    public static Rfc9421Signature? TryParseFirst(string signatureInput, string signature)
    {
        var parsed = default(Members);
        return TryRead(signatureInput, signature, ref parsed) > 0 ? parsed[0] : null;
    }

    /// <summary>Reads every member into <paramref name="parsed"/>: their count, or 0 when the general parser must decide.</summary>
    private static int TryRead(string signatureInput, string signature, ref Members parsed)
    {
        Span<Range> signatureLabels = stackalloc Range[MaxMembers];
        Span<Range> signatureValues = stackalloc Range[MaxMembers];
        var signatureCount = ReadSignatures(signature, signatureLabels, signatureValues);
        if (signatureCount <= 0)
        {
            return 0;
        }

        var count = 0;
        var position = SkipSpaces(signatureInput, 0);
        while (true)
        {
            if (count == MaxMembers || !TryReadKey(signatureInput, ref position, out var labelRange))
            {
                return 0;
            }

            var label = signatureInput.AsSpan(labelRange);
            for (var i = 0; i < count; i++)
            {
                if (label.SequenceEqual(parsed[i]!.Label))
                {
                    return 0; // duplicate label: the general parser answers DuplicateLabel
                }
            }

            var value = Find(signature, label, signatureLabels[..signatureCount], signatureValues);
            if (value is not { } valueRange || !Expect(signatureInput, ref position, '=')
                || ReadMember(signatureInput, ref position, CommonStrings.Get(label), signature.AsSpan(valueRange)) is not { } member)
            {
                return 0;
            }

            parsed[count++] = member;
            position = SkipOptionalWhitespace(signatureInput, position);
            if (position == signatureInput.Length)
            {
                break;
            }

            if (!Expect(signatureInput, ref position, ','))
            {
                return 0;
            }

            position = SkipOptionalWhitespace(signatureInput, position);
            if (position == signatureInput.Length)
            {
                return 0; // trailing comma
            }
        }

        return count;
    }

    /// <summary>
    /// Reads <c>Signature</c> as <c>label=:base64:</c> members into the two tables: their count, or 0 when the
    /// header has another shape, a duplicate label or more than <see cref="MaxMembers"/> members.
    /// </summary>
    private static int ReadSignatures(string header, Span<Range> labels, Span<Range> values)
    {
        var count = 0;
        var position = SkipSpaces(header, 0);
        while (true)
        {
            if (count == MaxMembers || !TryReadKey(header, ref position, out var label) || !Expect(header, ref position, '=')
                || !Expect(header, ref position, ':'))
            {
                return 0;
            }

            var start = position;
            while (position < header.Length && IsBase64Char(header[position]))
            {
                position++;
            }

            if (position == start || !Expect(header, ref position, ':'))
            {
                return 0; // empty, unterminated, or a character outside base64
            }

            var key = header.AsSpan(label);
            for (var i = 0; i < count; i++)
            {
                if (key.SequenceEqual(header.AsSpan(labels[i])))
                {
                    return 0;
                }
            }

            labels[count] = label;
            values[count++] = new Range(start, position - 1);
            position = SkipOptionalWhitespace(header, position);
            if (position == header.Length)
            {
                return count;
            }

            if (!Expect(header, ref position, ','))
            {
                return 0;
            }

            position = SkipOptionalWhitespace(header, position);
            if (position == header.Length)
            {
                return 0;
            }
        }
    }

    /// <summary>One <c>Signature-Input</c> member from its inner list on, with its decoded signature; null outside the subset.</summary>
    private static Rfc9421Signature? ReadMember(string input, ref int position, string label, ReadOnlySpan<char> encodedSignature)
    {
        var listStart = position;
        if (!Expect(input, ref position, '('))
        {
            return null;
        }

        Span<Range> names = stackalloc Range[MaxComponents];
        var componentCount = 0;
        while (true)
        {
            position = SkipSpaces(input, position);
            if (Expect(input, ref position, ')'))
            {
                break;
            }

            if (componentCount == MaxComponents || !TryReadPlainString(input, ref position, out var name)
                || position == input.Length || input[position] is not (' ' or ')')
                || !IsAcceptedComponent(input.AsSpan(name)))
            {
                return null;
            }

            for (var i = 0; i < componentCount; i++)
            {
                if (input.AsSpan(name).SequenceEqual(input.AsSpan(names[i])))
                {
                    return null; // duplicate component
                }
            }

            names[componentCount++] = name;
        }

        long? created = null, expires = null;
        Range? nonce = null, keyId = null;
        string? algorithm = null, tag = null;
        Span<Range> keys = stackalloc Range[MaxParameters];
        var parameterCount = 0;
        while (Expect(input, ref position, ';'))
        {
            position = SkipSpaces(input, position);
            if (parameterCount == MaxParameters || !TryReadKey(input, ref position, out var keyRange))
            {
                return null;
            }

            var key = input.AsSpan(keyRange);
            for (var i = 0; i < parameterCount; i++)
            {
                if (key.SequenceEqual(input.AsSpan(keys[i])))
                {
                    return null; // duplicate parameter
                }
            }

            keys[parameterCount++] = keyRange;
            var value = Expect(input, ref position, '=') ? ReadValue(input, ref position) : new Value(ValueKind.Boolean, 0, default);
            if (value.Kind == ValueKind.Invalid)
            {
                return null;
            }

            switch (key)
            {
                case "created":
                    if (!IsTimestamp(value))
                    {
                        return null;
                    }

                    created = value.Integer;
                    break;
                case "expires":
                    if (!IsTimestamp(value))
                    {
                        return null;
                    }

                    expires = value.Integer;
                    break;
                case "nonce":
                    if (value.Kind != ValueKind.String)
                    {
                        return null;
                    }

                    nonce = value.Text; // a string only when asked for (Rfc9421Signature.Nonce)
                    break;
                case "keyid":
                    if (value.Kind != ValueKind.String)
                    {
                        return null;
                    }

                    keyId = value.Text;
                    break;
                case "alg":
                    if (value.Kind != ValueKind.String || !input.AsSpan(value.Text).SequenceEqual(Rfc9421Constants.HmacSha256))
                    {
                        return null;
                    }

                    algorithm = Rfc9421Constants.HmacSha256;
                    break;
                case "tag":
                    if (value.Kind != ValueKind.String)
                    {
                        return null;
                    }

                    tag = CommonStrings.Get(input.AsSpan(value.Text));
                    break;
                default:
                    // RFC 9421 §2.3: unknown parameters are signed (they are part of @signature-params) and ignored.
                    break;
            }
        }

        if (Decode(encodedSignature) is not { } bytes)
        {
            return null;
        }

        return new Rfc9421Signature(label, Components(input, names[..componentCount]), input, listStart, position - listStart, bytes, created, expires, nonce, keyId, algorithm, tag);
    }

    /// <summary>
    /// The covered components named by <paramref name="names"/>: the array of the last signature parsed when it names
    /// the same ones (a client's requests nearly always do; components are immutable and the list read-only), else a
    /// new one, which becomes the last. No allocation beyond the array a miss makes anyway.
    /// </summary>
    private static SignatureComponent[] Components(string input, ReadOnlySpan<Range> names)
    {
        var last = Volatile.Read(ref _lastComponents);
        if (last is not null && last.Length == names.Length)
        {
            var same = true;
            for (var i = 0; i < names.Length && same; i++)
            {
                same = input.AsSpan(names[i]).SequenceEqual(last[i].Name);
            }

            if (same)
            {
                return last;
            }
        }

        var components = new SignatureComponent[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            components[i] = SignatureComponent.For(input.AsSpan(names[i]));
        }

        Volatile.Write(ref _lastComponents, components);
        return components;
    }

    /// <summary>A supported derived component, or a lowercase header name (as the general path's component check).</summary>
    private static bool IsAcceptedComponent(ReadOnlySpan<char> name) =>
        name.Length > 0 && (name[0] == '@' ? IsSupportedDerived(name) : HttpToken.IsLowercaseToken(name));

    private static bool IsSupportedDerived(ReadOnlySpan<char> name) =>
        name.SequenceEqual(Rfc9421Components.Method) || name.SequenceEqual(Rfc9421Components.Authority)
        || name.SequenceEqual(Rfc9421Components.Path) || name.SequenceEqual(Rfc9421Components.Query)
        || name.SequenceEqual(Rfc9421Components.TargetUri) || name.SequenceEqual(Rfc9421Components.Scheme)
        || name.SequenceEqual(Rfc9421Components.RequestTarget);

    private static bool IsTimestamp(Value value) => value.Kind == ValueKind.Integer && value.Integer >= 0 && value.Integer <= MaxTimestamp;

    /// <summary>A parameter value: an integer, a plain string or a boolean; <see cref="ValueKind.Invalid"/> for anything else.</summary>
    private static Value ReadValue(string input, ref int position)
    {
        if (position == input.Length)
        {
            return default;
        }

        var c = input[position];
        if (c == '"')
        {
            return TryReadPlainString(input, ref position, out var text) ? new Value(ValueKind.String, 0, text) : default;
        }

        if (c == '?')
        {
            position++;
            return Expect(input, ref position, '1') || Expect(input, ref position, '0') ? new Value(ValueKind.Boolean, 0, default) : default;
        }

        var start = position;
        if (c == '-')
        {
            position++;
        }

        var digitsStart = position;
        while (position < input.Length && char.IsAsciiDigit(input[position]))
        {
            position++;
        }

        var digits = position - digitsStart;
        if (digits == 0 || digits > MaxIntegerDigits || (position < input.Length && input[position] == '.'))
        {
            return default; // not a number, too long, or a decimal: the general parser decides
        }

        return long.TryParse(input.AsSpan(start, position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? new Value(ValueKind.Integer, integer, default)
            : default;
    }

    /// <summary>A string without escapes (its content as <paramref name="text"/>); false for an escape, a control or non-ASCII character, or no end.</summary>
    private static bool TryReadPlainString(string input, ref int position, out Range text)
    {
        text = default;
        if (!Expect(input, ref position, '"'))
        {
            return false;
        }

        var start = position;
        while (position < input.Length)
        {
            var c = input[position];
            if (c == '"')
            {
                text = new Range(start, position);
                position++;
                return true;
            }

            if (c is < (char)0x20 or > (char)0x7E or '\\')
            {
                return false;
            }

            position++;
        }

        return false;
    }

    /// <summary>An RFC 8941 key: a lowercase letter or <c>*</c>, then lowercase letters, digits, <c>_ - . *</c>.</summary>
    private static bool TryReadKey(string input, ref int position, out Range key)
    {
        key = default;
        var start = position;
        if (position == input.Length || !(char.IsAsciiLetterLower(input[position]) || input[position] == '*'))
        {
            return false;
        }

        position++;
        while (position < input.Length && input[position] is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.' or '*')
        {
            position++;
        }

        key = new Range(start, position);
        return true;
    }

    private static Range? Find(string header, ReadOnlySpan<char> label, ReadOnlySpan<Range> labels, ReadOnlySpan<Range> values)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (label.SequenceEqual(header.AsSpan(labels[i])))
            {
                return values[i];
            }
        }

        return null;
    }

    /// <summary>The decoded signature (canonical padded base64 only, as the general parser), or null.</summary>
    private static byte[]? Decode(ReadOnlySpan<char> encoded)
    {
        if (encoded.Length % 4 != 0)
        {
            return null;
        }

        var padding = encoded[^1] != '=' ? 0 : encoded[^2] != '=' ? 1 : 2;
        var bytes = new byte[(encoded.Length / 4 * 3) - padding];
        return Convert.TryFromBase64Chars(encoded, bytes, out var written) && written == bytes.Length ? bytes : null;
    }

    private static bool IsBase64Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=';

    private static bool Expect(string input, ref int position, char expected)
    {
        if (position < input.Length && input[position] == expected)
        {
            position++;
            return true;
        }

        return false;
    }

    private static int SkipSpaces(string input, int position)
    {
        while (position < input.Length && input[position] == ' ')
        {
            position++;
        }

        return position;
    }

    private static int SkipOptionalWhitespace(string input, int position)
    {
        while (position < input.Length && input[position] is ' ' or '\t')
        {
            position++;
        }

        return position;
    }

    private enum ValueKind
    {
        Invalid = 0,
        Integer,
        String,
        Boolean,
    }

    /// <summary>The signatures read so far, on the stack: the result array is allocated once, at its final size.</summary>
    [InlineArray(MaxMembers)]
    private struct Members
    {
        private Rfc9421Signature? _element;
    }

    private readonly record struct Value(ValueKind Kind, long Integer, Range Text);
}
