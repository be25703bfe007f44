using System.Security.Cryptography;

namespace Gateway.Accounts.Tokens;

/// <summary>
/// Loads a random server-side key from a file under the data directory, creating it (mode 0600) on first start.
/// Used for key material the embedded mode may generate itself when configuration supplies none.
/// </summary>
public static class KeyMaterialFile
{
    /// <summary>
    /// Reads the base64 key in <paramref name="path"/>, or writes a new random one of <paramref name="bytes"/> bytes.
    /// <paramref name="created"/> tells which happened, so the caller can log it.
    /// </summary>
    public static byte[] LoadOrCreate(string path, int bytes, out bool created)
    {
        if (File.Exists(path))
        {
            created = false;
            var text = File.ReadAllText(path).Trim();
            var key = Convert.FromBase64String(text);
            if (key.Length < bytes)
            {
                throw new InvalidOperationException($"The key file '{path}' holds {key.Length} bytes; at least {bytes} are required.");
            }

            return key;
        }

        var fresh = RandomNumberGenerator.GetBytes(bytes);
        SecretFile.WriteNew(path, Convert.ToBase64String(fresh) + "\n");
        created = true;
        return fresh;
    }
}
