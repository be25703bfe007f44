using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Gateway.Signing.Internal;

namespace Gateway.Signing.StructuredFields;

/// <summary>The RFC 8941 §4.2 parsing algorithms over one field value; every method returns false on malformed input.</summary>
internal ref struct SfReader
{
    private readonly string _input;
    private int _position;

    public SfReader(string input)
    {
        _input = input;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _input.Length;

    public readonly char Peek => _position < _input.Length ? _input[_position] : '\0';

    public bool TryConsume(char expected)
    {
        if (AtEnd || _input[_position] != expected)
        {
            return false;
        }

        _position++;
        return true;
    }

    public void SkipSpaces()
    {
        while (!AtEnd && _input[_position] == ' ')
        {
            _position++;
        }
    }

    public void SkipOptionalWhitespace()
    {
        while (!AtEnd && (_input[_position] == ' ' || _input[_position] == '\t'))
        {
            _position++;
        }
    }

    public bool TryParseKey([NotNullWhen(true)] out string? key)
    {
        key = null;
        var start = _position;
        if (AtEnd || !(IsLowerAlpha(Peek) || Peek == '*'))
        {
            return false;
        }

        _position++;
        while (!AtEnd && IsKeyChar(_input[_position]))
        {
            _position++;
        }

        key = CommonStrings.Get(_input.AsSpan(start, _position - start));
        return true;
    }

    public bool TryParseInnerList([NotNullWhen(true)] out SfInnerList? innerList)
    {
        innerList = null;
        var start = _position;
        if (!TryConsume('('))
        {
            return false;
        }

        var items = new ScratchList<SfItem>();
        while (!AtEnd)
        {
            SkipSpaces();
            if (TryConsume(')'))
            {
                if (!TryParseParameters(out var parameters))
                {
                    return false;
                }

                innerList = new SfInnerList(items.ToArray(), parameters, _input[start.._position]);
                return true;
            }

            if (!TryParseItem(out var item))
            {
                return false;
            }

            items.Add(item);
            if (Peek != ' ' && Peek != ')')
            {
                return false;
            }
        }

        return false; // unterminated inner list
    }

    public bool TryParseItem([NotNullWhen(true)] out SfItem? item)
    {
        item = null;
        if (!TryParseBareItem(out var value) || !TryParseParameters(out var parameters))
        {
            return false;
        }

        item = new SfItem(value, parameters);
        return true;
    }

    public bool TryParseParameters([NotNullWhen(true)] out SfParameters? parameters)
    {
        parameters = null;
        var entries = new ScratchList<KeyValuePair<string, SfBareItem>>();
        while (TryConsume(';'))
        {
            SkipSpaces();
            if (!TryParseKey(out var key))
            {
                return false;
            }

            var value = SfBareItem.FromBoolean(true);
            if (TryConsume('=') && !TryParseBareItem(out value))
            {
                return false;
            }

            entries.Add(new KeyValuePair<string, SfBareItem>(key, value));
        }

        parameters = entries.Count == 0 ? SfParameters.Empty : new SfParameters(entries.ToArray());
        return true;
    }

    private bool TryParseBareItem(out SfBareItem value)
    {
        value = default;
        if (AtEnd)
        {
            return false;
        }

        var c = Peek;
        if (c == '-' || IsDigit(c))
        {
            return TryParseNumber(out value);
        }

        if (c == '"')
        {
            return TryParseString(out value);
        }

        if (c == '*' || IsAlpha(c))
        {
            return TryParseToken(out value);
        }

        if (c == ':')
        {
            return TryParseByteSequence(out value);
        }

        if (c == '?')
        {
            return TryParseBoolean(out value);
        }

        return false;
    }

    private bool TryParseNumber(out SfBareItem value)
    {
        value = default;
        var start = _position;
        TryConsume('-');
        var digitsStart = _position;
        if (AtEnd || !IsDigit(Peek))
        {
            return false;
        }

        var dot = -1;
        while (!AtEnd)
        {
            var c = Peek;
            if (IsDigit(c))
            {
                _position++;
            }
            else if (c == '.' && dot < 0)
            {
                dot = _position;
                if (dot - digitsStart > 12)
                {
                    return false;
                }

                _position++;
            }
            else
            {
                break;
            }

            var length = _position - digitsStart;
            if ((dot < 0 && length > 15) || (dot >= 0 && length > 16))
            {
                return false;
            }
        }

        var text = _input.AsSpan(start, _position - start);
        if (dot < 0)
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return false;
            }

            value = SfBareItem.FromInteger(integer);
            return true;
        }

        var fractionDigits = _position - dot - 1;
        if (fractionDigits is < 1 or > 3)
        {
            return false;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        value = SfBareItem.FromDecimal(number);
        return true;
    }

    private bool TryParseString(out SfBareItem value)
    {
        value = default;
        _position++; // opening quote
        var start = _position;
        var needsUnescape = false;
        while (!AtEnd)
        {
            var c = _input[_position];
            if (c == '\\')
            {
                if (_position + 1 >= _input.Length)
                {
                    return false;
                }

                var next = _input[_position + 1];
                if (next != '"' && next != '\\')
                {
                    return false;
                }

                needsUnescape = true;
                _position += 2;
            }
            else if (c == '"')
            {
                var raw = _input.AsSpan(start, _position - start);
                _position++;
                value = SfBareItem.FromString(needsUnescape ? Unescape(raw) : CommonStrings.Get(raw));
                return true;
            }
            else if (c < 0x20 || c > 0x7E)
            {
                return false;
            }
            else
            {
                _position++;
            }
        }

        return false; // unterminated string
    }

    private bool TryParseToken(out SfBareItem value)
    {
        var start = _position;
        _position++;
        while (!AtEnd && (IsTChar(Peek) || Peek == ':' || Peek == '/'))
        {
            _position++;
        }

        value = SfBareItem.FromToken(_input[start.._position]);
        return true;
    }

    private bool TryParseByteSequence(out SfBareItem value)
    {
        value = default;
        _position++; // opening colon
        var start = _position;
        while (!AtEnd && _input[_position] != ':')
        {
            var c = _input[_position];
            if (!(IsAlpha(c) || IsDigit(c) || c == '+' || c == '/' || c == '='))
            {
                return false;
            }

            _position++;
        }

        if (AtEnd)
        {
            return false; // unterminated byte sequence
        }

        var encoded = _input.AsSpan(start, _position - start);
        _position++; // closing colon
        if (encoded.Length % 4 != 0)
        {
            return false;
        }

        var padding = encoded.IsEmpty ? 0 : encoded[^1] != '=' ? 0 : encoded[^2] != '=' ? 1 : 2;
        var bytes = new byte[(encoded.Length / 4 * 3) - padding];
        if (!Convert.TryFromBase64Chars(encoded, bytes, out var written) || written != bytes.Length)
        {
            return false;
        }

        value = SfBareItem.FromBytes(bytes);
        return true;
    }

    private bool TryParseBoolean(out SfBareItem value)
    {
        value = default;
        _position++; // '?'
        if (TryConsume('1'))
        {
            value = SfBareItem.FromBoolean(true);
            return true;
        }

        if (TryConsume('0'))
        {
            value = SfBareItem.FromBoolean(false);
            return true;
        }

        return false;
    }

    private static string Unescape(ReadOnlySpan<char> raw)
    {
        var result = new char[raw.Length];
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\')
            {
                i++;
            }

            result[length++] = raw[i];
        }

        return new string(result, 0, length);
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsLowerAlpha(char c) => c is >= 'a' and <= 'z';

    private static bool IsAlpha(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static bool IsKeyChar(char c) => IsLowerAlpha(c) || IsDigit(c) || c is '_' or '-' or '.' or '*';

    private static bool IsTChar(char c) =>
        IsAlpha(c) || IsDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
