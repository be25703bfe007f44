namespace Gateway.LoadTests;

/// <summary>
/// Reads the seeder's credentials file: one <c>kind keyId secret</c> line per key, <c>kind</c> being
/// <c>bearer</c> (secret = token) or <c>hmac</c> (secret = HMAC secret).
/// </summary>
public static class CredentialsFile
{
    /// <summary>The bearer tokens in the file, in order, read lazily (a big store's file has a million).</summary>
    public static IEnumerable<string> BearerTokenLines(string path) =>
        Read(path).Where(c => c.Kind == "bearer").Select(c => c.Secret);

    /// <summary>The first HMAC key in the file.</summary>
    public static (string KeyId, string Secret) HmacKey(string path) =>
        Read(path).Where(c => c.Kind == "hmac").Select(c => (c.KeyId, c.Secret)).FirstOrDefault() is { KeyId: not null } key
            ? key
            : throw new InvalidOperationException($"{path} holds no hmac key.");

    private static IEnumerable<(string Kind, string KeyId, string Secret)> Read(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3)
            {
                yield return (parts[0], parts[1], parts[2]);
            }
        }
    }
}
