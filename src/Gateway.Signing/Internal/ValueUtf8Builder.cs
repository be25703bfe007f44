using System.Buffers;
using System.Text;

namespace Gateway.Signing.Internal;

/// <summary>
/// A growable UTF-8 byte buffer rented from <see cref="ArrayPool{T}"/>, used to build signature bases and
/// canonical requests without intermediate strings. Always <see cref="Dispose"/> it.
/// </summary>
internal ref struct ValueUtf8Builder
{
    private byte[] _buffer;
    private int _length;

    public ValueUtf8Builder(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public readonly int Length => _length;

    public void Append(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void Append(scoped ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public void Append(scoped ReadOnlySpan<char> value)
    {
        // Fast path for ASCII, the overwhelmingly common case for header values and paths.
        Ensure(value.Length);
        var destination = _buffer.AsSpan(_length, value.Length);
        if (Ascii.IsValid(value))
        {
            Ascii.FromUtf16(value, destination, out _);
            _length += value.Length;
            return;
        }

        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    public void AppendAscii(char value)
    {
        Ensure(1);
        _buffer[_length++] = (byte)value;
    }

    /// <summary>Appends <paramref name="value"/> as lowercase hexadecimal.</summary>
    public void AppendHexLower(scoped ReadOnlySpan<byte> value)
    {
        Ensure(value.Length * 2);
        HexEncoding.WriteLower(value, _buffer.AsSpan(_length, value.Length * 2));
        _length += value.Length * 2;
    }

    public override readonly string ToString() => Encoding.UTF8.GetString(Written);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int additional)
    {
        if (_length + additional <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + additional));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
