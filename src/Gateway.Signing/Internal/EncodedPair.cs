namespace Gateway.Signing.Internal;

/// <summary>The offsets of one encoded query key and value inside a shared scratch buffer.</summary>
internal readonly record struct EncodedPair(int KeyStart, int KeyLength, int ValueStart, int ValueLength);
