using System.Runtime.CompilerServices;

namespace Gateway.Signing.Internal;

/// <summary>
/// A list for collecting a few parsed elements on the stack (the first eight inline, the rest in a list), turned into
/// an exact-size array at the end: parsing allocates the result only, not a growing list and its copies.
/// </summary>
internal struct ScratchList<T>
{
    private Inline8 _inline;
    private List<T>? _overflow;

    /// <summary>The number of elements added.</summary>
    public int Count { get; private set; }

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(T item)
    {
        if (Count < 8)
        {
            _inline[Count] = item;
        }
        else
        {
            (_overflow ??= []).Add(item);
        }

        Count++;
    }

    /// <summary>The elements in order, as a new array of exactly <see cref="Count"/> elements.</summary>
    public readonly T[] ToArray()
    {
        if (Count == 0)
        {
            return [];
        }

        var result = new T[Count];
        ReadOnlySpan<T> inline = _inline;
        inline[..Math.Min(Count, 8)].CopyTo(result);
        _overflow?.CopyTo(result, 8);
        return result;
    }

    [InlineArray(8)]
    private struct Inline8
    {
        private T _element;
    }
}
