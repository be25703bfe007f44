using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Gateway.Signing.Internal;

namespace Gateway.Signing.SigV4;

/// <summary>
/// AWS SigV4 canonicalisation: the canonical request, the string to sign and the signing key, exactly as AWS
/// defines them (validated against the AWS SigV4 test suite).
/// </summary>
public static class SigV4Canonicalizer
{
    /// <summary>
    /// Builds the canonical request: method, canonical URI (see <see cref="SigV4PathMode"/>), canonical query
    /// (pairs percent-decoded, re-encoded with the AWS unreserved set, sorted by key then value), canonical headers
    /// (values trimmed, inner whitespace runs collapsed, field lines joined with <c>,</c>; <c>host</c> falls back to
    /// <see cref="ISignableRequest.Authority"/>), signed headers and payload hash.
    /// <paramref name="signedHeaders"/> must be lowercase and sorted. Returns <see cref="SigV4Error.None"/> on success.
    /// </summary>
    public static SigV4Error TryBuildCanonicalRequest(
        ISignableRequest request,
        IReadOnlyList<string> signedHeaders,
        string payloadHash,
        SigV4PathMode pathMode,
        out string? canonicalRequest)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signedHeaders);
        ArgumentNullException.ThrowIfNull(payloadHash);
        canonicalRequest = null;
        var builder = new ValueUtf8Builder(1024);
        try
        {
            var error = WriteCanonicalRequest(ref builder, request, signedHeaders, payloadHash, pathMode);
            if (error == SigV4Error.None)
            {
                canonicalRequest = builder.ToString();
            }

            return error;
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>
    /// Builds the string to sign: <c>AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{hex(SHA256(canonicalRequest))}</c>.
    /// </summary>
    public static string BuildStringToSign(string amzDate, string credentialScope, string canonicalRequest)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest), hash);
        var builder = new ValueUtf8Builder(256);
        try
        {
            WriteStringToSign(ref builder, amzDate, credentialScope, hash);
            return builder.ToString();
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>
    /// Derives the signing key <c>HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")</c>
    /// into <paramref name="destination"/> (32 bytes).
    /// </summary>
    public static void DeriveSigningKey(string secret, string dateStamp, string region, string service, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var length = Encoding.UTF8.GetByteCount(secret);
        var rented = length > 256 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> secretBytes = rented is null ? stackalloc byte[256] : rented;
        try
        {
            Encoding.UTF8.GetBytes(secret, secretBytes);
            DeriveSigningKey(secretBytes[..length], dateStamp, region, service, destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secretBytes);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// As <see cref="DeriveSigningKey(string, string, string, string, Span{byte})"/>, from the UTF-8 bytes of the secret
    /// (no string copy of the secret is made).
    /// </summary>
    public static void DeriveSigningKey(ReadOnlySpan<byte> secretUtf8, string dateStamp, string region, string service, Span<byte> destination)
    {
        if (destination.Length < HMACSHA256.HashSizeInBytes)
        {
            throw new ArgumentException("The destination must hold 32 bytes.", nameof(destination));
        }

        var keyLength = 4 + secretUtf8.Length;
        var rented = keyLength > 256 ? ArrayPool<byte>.Shared.Rent(keyLength) : null;
        Span<byte> secretKey = rented is null ? stackalloc byte[256] : rented;
        try
        {
            "AWS4"u8.CopyTo(secretKey);
            secretUtf8.CopyTo(secretKey[4..]);
            Span<byte> key = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HmacUtf8(secretKey[..keyLength], dateStamp, key);
            HmacUtf8(key, region, key);
            HmacUtf8(key, service, key);
            HmacUtf8(key, SigV4Constants.Terminator, destination);
            CryptographicOperations.ZeroMemory(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secretKey);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    internal static SigV4Error WriteCanonicalRequest(
        ref ValueUtf8Builder builder,
        ISignableRequest request,
        IReadOnlyList<string> signedHeaders,
        string payloadHash,
        SigV4PathMode pathMode)
    {
        builder.Append(request.Method);
        builder.AppendAscii('\n');
        if (pathMode == SigV4PathMode.AsSent)
        {
            var path = request.PathSpan;
            builder.Append(path.IsEmpty ? "/" : path);
        }
        else
        {
            WriteNormalizedPath(ref builder, request.PathSpan);
        }

        builder.AppendAscii('\n');
        WriteCanonicalQuery(ref builder, request.QuerySpan);
        builder.AppendAscii('\n');
        for (var h = 0; h < signedHeaders.Count; h++)
        {
            var name = signedHeaders[h];
            builder.Append(name);
            builder.AppendAscii(':');
            if (request.TryGetHeader(name, out var values) && values.Count > 0)
            {
                for (var i = 0; i < values.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.AppendAscii(',');
                    }

                    WriteTrimmedValue(ref builder, values[i]);
                }
            }
            else if (name == "host")
            {
                WriteTrimmedValue(ref builder, request.Authority);
            }
            else
            {
                return SigV4Error.MissingSignedHeader;
            }

            builder.AppendAscii('\n');
        }

        builder.AppendAscii('\n');
        for (var i = 0; i < signedHeaders.Count; i++)
        {
            if (i > 0)
            {
                builder.AppendAscii(';');
            }

            builder.Append(signedHeaders[i]);
        }

        builder.AppendAscii('\n');
        builder.Append(payloadHash);
        return SigV4Error.None;
    }

    internal static void WriteStringToSign(ref ValueUtf8Builder builder, string amzDate, string credentialScope, scoped ReadOnlySpan<byte> canonicalRequestHash)
    {
        WriteStringToSignDate(ref builder, amzDate);
        builder.Append(credentialScope);
        builder.AppendAscii('\n');
        builder.AppendHexLower(canonicalRequestHash);
    }

    /// <summary>As <see cref="WriteStringToSign(ref ValueUtf8Builder, string, string, ReadOnlySpan{byte})"/>, writing the scope from its parts (no scope string).</summary>
    internal static void WriteStringToSign(ref ValueUtf8Builder builder, string amzDate, SigV4Credential credential, scoped ReadOnlySpan<byte> canonicalRequestHash)
    {
        WriteStringToSignDate(ref builder, amzDate);
        builder.Append(credential.DateStamp);
        builder.AppendAscii('/');
        builder.Append(credential.Region);
        builder.AppendAscii('/');
        builder.Append(credential.Service);
        builder.AppendAscii('/');
        builder.Append(SigV4Constants.Terminator);
        builder.AppendAscii('\n');
        builder.AppendHexLower(canonicalRequestHash);
    }

    private static void WriteStringToSignDate(ref ValueUtf8Builder builder, string amzDate)
    {
        builder.Append(SigV4Constants.Algorithm);
        builder.AppendAscii('\n');
        builder.Append(amzDate);
        builder.AppendAscii('\n');
    }

    /// <summary>HMAC-SHA256 of the UTF-8 bytes of <paramref name="data"/>; <paramref name="destination"/> may alias <paramref name="key"/>.</summary>
    private static void HmacUtf8(ReadOnlySpan<byte> key, string data, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetByteCount(data);
        var rented = length > 256 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[256] : rented;
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Encoding.UTF8.GetBytes(data, buffer);
        HMACSHA256.HashData(key, buffer[..length], mac);
        mac.CopyTo(destination);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>AWS "trimall": trim, and collapse every run of whitespace to one space.</summary>
    private static void WriteTrimmedValue(ref ValueUtf8Builder builder, string? value)
    {
        var span = (value ?? string.Empty).AsSpan();
        var first = true;
        while (true)
        {
            var start = 0;
            while (start < span.Length && IsWhitespace(span[start]))
            {
                start++;
            }

            span = span[start..];
            if (span.IsEmpty)
            {
                return;
            }

            var end = 0;
            while (end < span.Length && !IsWhitespace(span[end]))
            {
                end++;
            }

            if (!first)
            {
                builder.AppendAscii(' ');
            }

            builder.Append(span[..end]);
            first = false;
            span = span[end..];
        }
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    /// <summary>
    /// Removes empty, <c>.</c> and <c>..</c> segments (as botocore does), keeps the leading and trailing slash,
    /// and URI-encodes each remaining segment.
    /// </summary>
    private static void WriteNormalizedPath(ref ValueUtf8Builder builder, ReadOnlySpan<char> span)
    {
        if (span.IsEmpty)
        {
            builder.AppendAscii('/');
            return;
        }

        var segmentCount = span.Count('/') + 1;
        var rented = ArrayPool<Range>.Shared.Rent(segmentCount);
        try
        {
            var kept = 0;
            foreach (var range in span.Split('/'))
            {
                var segment = span[range];
                if (segment.IsEmpty || segment is ".")
                {
                    continue;
                }

                if (segment is "..")
                {
                    kept = Math.Max(0, kept - 1);
                    continue;
                }

                rented[kept++] = range;
            }

            if (span[0] == '/')
            {
                builder.AppendAscii('/');
            }

            for (var i = 0; i < kept; i++)
            {
                if (i > 0)
                {
                    builder.AppendAscii('/');
                }

                UriEncoder.Append(ref builder, span[rented[i]], decodePercent: false);
            }

            if (kept > 0 && span[^1] == '/')
            {
                builder.AppendAscii('/');
            }
        }
        finally
        {
            ArrayPool<Range>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Splits the raw query into pairs (a pair without <c>=</c> has an empty value), percent-decodes and
    /// re-encodes each key and value, sorts by key then value (ordinal on the encoded bytes) and joins them.
    /// </summary>
    private static void WriteCanonicalQuery(ref ValueUtf8Builder builder, ReadOnlySpan<char> query)
    {
        var raw = query;
        if (raw.Length > 0 && raw[0] == '?')
        {
            raw = raw[1..];
        }

        if (raw.IsEmpty)
        {
            return;
        }

        var pairCount = raw.Count('&') + 1;
        var pairs = ArrayPool<EncodedPair>.Shared.Rent(pairCount);
        var scratch = new ValueUtf8Builder(raw.Length * 3);
        try
        {
            var count = 0;
            foreach (var range in raw.Split('&'))
            {
                var pair = raw[range];
                if (pair.IsEmpty)
                {
                    continue;
                }

                var equals = pair.IndexOf('=');
                var key = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? [] : pair[(equals + 1)..];
                var keyStart = scratch.Length;
                UriEncoder.Append(ref scratch, key, decodePercent: true);
                var valueStart = scratch.Length;
                UriEncoder.Append(ref scratch, value, decodePercent: true);
                pairs[count++] = new EncodedPair(keyStart, valueStart - keyStart, valueStart, scratch.Length - valueStart);
            }

            var encoded = scratch.Written;
            SortPairs(pairs.AsSpan(0, count), encoded);
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    builder.AppendAscii('&');
                }

                builder.Append(encoded.Slice(pairs[i].KeyStart, pairs[i].KeyLength));
                builder.AppendAscii('=');
                builder.Append(encoded.Slice(pairs[i].ValueStart, pairs[i].ValueLength));
            }
        }
        finally
        {
            scratch.Dispose();
            ArrayPool<EncodedPair>.Shared.Return(pairs);
        }
    }

    private static void SortPairs(Span<EncodedPair> pairs, ReadOnlySpan<byte> encoded)
    {
        // Allocation-free insertion sort for the common handful of parameters; introsort bounds the worst case.
        if (pairs.Length <= 16)
        {
            for (var i = 1; i < pairs.Length; i++)
            {
                var current = pairs[i];
                var j = i - 1;
                while (j >= 0 && Compare(pairs[j], current, encoded) > 0)
                {
                    pairs[j + 1] = pairs[j];
                    j--;
                }

                pairs[j + 1] = current;
            }

            return;
        }

        SortMany(pairs, encoded.ToArray());
    }

    /// <summary>
    /// The introsort for many pairs, in a method of its own: the comparison's closure would otherwise be allocated on
    /// every call of <see cref="SortPairs"/>, the common small case included.
    /// </summary>
    private static void SortMany(Span<EncodedPair> pairs, byte[] encoded) => pairs.Sort((a, b) => Compare(a, b, encoded));

    private static int Compare(EncodedPair a, EncodedPair b, ReadOnlySpan<byte> encoded)
    {
        var byKey = encoded.Slice(a.KeyStart, a.KeyLength).SequenceCompareTo(encoded.Slice(b.KeyStart, b.KeyLength));
        return byKey != 0
            ? byKey
            : encoded.Slice(a.ValueStart, a.ValueLength).SequenceCompareTo(encoded.Slice(b.ValueStart, b.ValueLength));
    }
}
