using Gateway.Signing.Internal;

namespace Gateway.Signing.SigV4;

/// <summary>
/// Parses <c>Authorization: AWS4-HMAC-SHA256 Credential=AKID/yyyymmdd/region/service/aws4_request,
/// SignedHeaders=a;b;c, Signature=hex64</c> and the <c>X-Amz-Date</c> header. Spaces after the commas are
/// tolerated (AWS tools emit them); everything else is strict. Never throws for any header value.
/// </summary>
public static class SigV4Parser
{
    private const string CredentialPart = "Credential";
    private const string SignedHeadersPart = "SignedHeaders";
    private const string SignaturePart = "Signature";

    private static string? _lastDateStamp;
    private static string[]? _lastSignedHeaders;

    /// <summary>Hex digits a lowercase signature does not contain (a set made once: ContainsAnyInRange boxes its bounds).</summary>
    private static readonly System.Buffers.SearchValues<char> UppercaseHex = System.Buffers.SearchValues.Create("ABCDEF");

    /// <summary>
    /// Parses the request's <c>Authorization</c> and <c>X-Amz-Date</c> headers and applies the gateway's rules:
    /// the date must match the credential scope day, and <c>host</c> and <c>x-amz-date</c> must be signed.
    /// </summary>
    public static SigV4ParseResult Parse(ISignableRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.TryGetHeader(SigV4Constants.AuthorizationHeader, out var authorizationValues) || authorizationValues.Count == 0)
        {
            return new SigV4ParseResult(SigV4Error.MissingAuthorization);
        }

        if (authorizationValues.Count > 1)
        {
            return new SigV4ParseResult(SigV4Error.MalformedAuthorization);
        }

        var headerError = ParseAuthorization(authorizationValues[0], out var parsedAuthorization);
        if (parsedAuthorization is not { } authorization)
        {
            return new SigV4ParseResult(headerError);
        }

        if (!request.TryGetHeader(SigV4Constants.AmzDateHeader, out var dateValues) || dateValues.Count == 0)
        {
            return new SigV4ParseResult(SigV4Error.MissingDate);
        }

        var amzDate = dateValues[0];
        if (dateValues.Count > 1 || !TryParseAmzDate(amzDate, out var requestTime))
        {
            return new SigV4ParseResult(SigV4Error.InvalidDate);
        }

        if (!amzDate.AsSpan(0, 8).SequenceEqual(authorization.Credential.DateStamp))
        {
            return new SigV4ParseResult(SigV4Error.DateScopeMismatch);
        }

        if (!Contains(authorization.SignedHeaders, "host"))
        {
            return new SigV4ParseResult(SigV4Error.HostNotSigned);
        }

        if (!Contains(authorization.SignedHeaders, "x-amz-date"))
        {
            return new SigV4ParseResult(SigV4Error.DateNotSigned);
        }

        return new SigV4ParseResult(SigV4Error.None, authorization, amzDate, requestTime);
    }

    /// <summary>Parses an <c>Authorization</c> header value alone (no date or signed-header policy).</summary>
    public static SigV4ParseResult ParseAuthorization(string? value)
    {
        var error = ParseAuthorization(value, out var authorization);
        return error == SigV4Error.None ? new SigV4ParseResult(error, authorization) : new SigV4ParseResult(error);
    }

    /// <summary>The header alone, without a result object of its own (<see cref="Parse"/> makes the one it returns).</summary>
    private static SigV4Error ParseAuthorization(string? value, out SigV4Authorization? authorization)
    {
        authorization = null;
        if (value is null)
        {
            return SigV4Error.MissingAuthorization;
        }

        var span = value.AsSpan().Trim(" \t");
        var space = span.IndexOfAny(' ', '\t');
        var scheme = space < 0 ? span : span[..space];
        if (!scheme.SequenceEqual(SigV4Constants.Algorithm))
        {
            return span.IsEmpty || scheme.Contains('=') ? SigV4Error.MalformedAuthorization : SigV4Error.NotSigV4;
        }

        if (space < 0)
        {
            return SigV4Error.MalformedAuthorization;
        }

        ReadOnlySpan<char> credential = default, signedHeaders = default, signature = default;
        bool hasCredential = false, hasSignedHeaders = false, hasSignature = false;
        var rest = span[(space + 1)..].TrimStart(' ');
        foreach (var range in rest.Split(','))
        {
            var part = rest[range].TrimStart(' ');
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                return SigV4Error.MalformedAuthorization;
            }

            var name = part[..equals];
            var partValue = part[(equals + 1)..];
            ref var target = ref credential;
            ref var seen = ref hasCredential;
            if (name.SequenceEqual(CredentialPart))
            {
                // defaults above
            }
            else if (name.SequenceEqual(SignedHeadersPart))
            {
                target = ref signedHeaders;
                seen = ref hasSignedHeaders;
            }
            else if (name.SequenceEqual(SignaturePart))
            {
                target = ref signature;
                seen = ref hasSignature;
            }
            else
            {
                return SigV4Error.MalformedAuthorization;
            }

            if (seen)
            {
                return SigV4Error.MalformedAuthorization;
            }

            seen = true;
            target = partValue;
        }

        if (!hasCredential)
        {
            return SigV4Error.MissingCredential;
        }

        if (!hasSignedHeaders)
        {
            return SigV4Error.MissingSignedHeaders;
        }

        if (!hasSignature)
        {
            return SigV4Error.MissingSignature;
        }

        var error = TryParseCredential(value, credential, out var parsedCredential);
        if (error != SigV4Error.None)
        {
            return error;
        }

        if (!TryParseSignedHeaders(signedHeaders, out var headerNames))
        {
            return SigV4Error.MalformedSignedHeaders;
        }

        var signatureBytes = new byte[32];
        if (!HexEncoding.TryDecode(signature, signatureBytes))
        {
            return SigV4Error.MalformedSignature;
        }

        // The replay key is the lowercase hex: the received characters themselves when they are lowercase (no string).
        var lowercaseHex = signature.ContainsAny(UppercaseHex) ? default : MemoryOf(value, signature);
        authorization = new SigV4Authorization(parsedCredential!, headerNames!, signatureBytes, lowercaseHex);
        return SigV4Error.None;
    }

    /// <summary><paramref name="part"/> (a slice of <paramref name="source"/>) as memory over the same string: no copy.</summary>
    private static ReadOnlyMemory<char> MemoryOf(string source, ReadOnlySpan<char> part) =>
        source.AsSpan().Overlaps(part, out var offset) ? source.AsMemory(offset, part.Length) : part.ToString().AsMemory();

    /// <summary>
    /// Parses an <c>X-Amz-Date</c> value (<c>yyyyMMddTHHmmssZ</c>, <see cref="SigV4Constants.AmzDateFormat"/>) as UTC:
    /// ASCII digits only, a real calendar date and a time of day, as <c>DateTimeOffset.TryParseExact</c> with that format
    /// accepts — read by hand, without the culture-aware parser.
    /// </summary>
    public static bool TryParseAmzDate(string? value, out DateTimeOffset time)
    {
        time = default;
        if (value is not { Length: 16 } || value[8] != 'T' || value[15] != 'Z'
            || !TryParseDate(value.AsSpan(0, 8), out var date)
            || !TryParseNumber(value.AsSpan(9, 2), out var hour) || hour > 23
            || !TryParseNumber(value.AsSpan(11, 2), out var minute) || minute > 59
            || !TryParseNumber(value.AsSpan(13, 2), out var second) || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(date.Year, date.Month, date.Day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    /// <summary>A <c>yyyyMMdd</c> date (<see cref="SigV4Constants.DateStampFormat"/>): eight ASCII digits naming a real day.</summary>
    private static bool TryParseDate(ReadOnlySpan<char> value, out DateOnly date)
    {
        date = default;
        if (value.Length != 8 || !TryParseNumber(value[..4], out var year) || !TryParseNumber(value.Slice(4, 2), out var month)
            || !TryParseNumber(value.Slice(6, 2), out var day) || year < 1 || month is < 1 or > 12 || day < 1
            || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryParseNumber(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static SigV4Error TryParseCredential(string header, ReadOnlySpan<char> value, out SigV4Credential? credential)
    {
        credential = null;
        Span<Range> parts = stackalloc Range[6];
        if (value.Split(parts, '/') != 5)
        {
            return SigV4Error.MalformedCredential;
        }

        var accessKeyId = value[parts[0]];
        var dateStamp = value[parts[1]];
        var region = value[parts[2]];
        var service = value[parts[3]];
        var terminator = value[parts[4]];
        if (!IsVisibleAscii(accessKeyId) || !IsVisibleAscii(region) || !IsVisibleAscii(service))
        {
            return SigV4Error.MalformedCredential;
        }

        if (!TryParseDate(dateStamp, out var date))
        {
            return SigV4Error.InvalidCredentialDate;
        }

        if (!terminator.SequenceEqual(SigV4Constants.Terminator))
        {
            return SigV4Error.InvalidCredentialTerminator;
        }

        credential = new SigV4Credential(MemoryOf(header, accessKeyId), DateStamp(dateStamp), date, CommonStrings.Get(region), CommonStrings.Get(service));
        return SigV4Error.None;
    }

    private static bool TryParseSignedHeaders(ReadOnlySpan<char> value, out string[]? names)
    {
        names = null;
        if (value.IsEmpty)
        {
            return false;
        }

        // The list of the last header parsed when this one names the same headers (a client's requests nearly always
        // do; the list is handed out read-only): checked when it was parsed, so equal names are valid names.
        var last = Volatile.Read(ref _lastSignedHeaders);
        if (last is not null && SameNames(value, last))
        {
            names = last;
            return true;
        }

        var result = new string[value.Count(';') + 1];
        var index = 0;
        foreach (var range in value.Split(';'))
        {
            var name = value[range];
            if (!HttpToken.IsLowercaseToken(name))
            {
                return false;
            }

            if (index > 0 && name.SequenceCompareTo(result[index - 1]) <= 0)
            {
                return false; // not strictly ascending: unsorted or repeated
            }

            result[index++] = CommonStrings.Get(name);
        }

        names = result;
        Volatile.Write(ref _lastSignedHeaders, result);
        return true;
    }

    private static bool SameNames(ReadOnlySpan<char> value, string[] names)
    {
        var index = 0;
        foreach (var range in value.Split(';'))
        {
            if (index == names.Length || !value[range].SequenceEqual(names[index++]))
            {
                return false;
            }
        }

        return index == names.Length;
    }

    /// <summary>The scope date as a string: the one last parsed when it is the same day (nearly always), else a new one.</summary>
    private static string DateStamp(ReadOnlySpan<char> value)
    {
        var last = Volatile.Read(ref _lastDateStamp);
        if (last is not null && value.SequenceEqual(last))
        {
            return last;
        }

        var text = value.ToString();
        Volatile.Write(ref _lastDateStamp, text);
        return text;
    }

    private static bool IsVisibleAscii(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is <= ' ' or > '~' or ',' or '=')
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
