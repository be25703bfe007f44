using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Accounts.Secrets;

namespace Gateway.IdentityToken;

/// <summary>
/// The stored form of an <see cref="IdentityKeySet"/>: JSON with each private key as PKCS#8, sealed by the master
/// key ring (<see cref="SecretProtector"/>, bound to the key's <c>kid</c>). The same text lives in the data
/// directory's file (embedded mode) or in Redis (shared by the replicas).
/// </summary>
public sealed class IdentityKeyDocument(SecretProtector protector)
{
    private const string Purpose = "identity-token:";

    /// <summary>Serialises <paramref name="set"/>, sealing every private key.</summary>
    public string Write(IdentityKeySet set)
    {
        var keys = new JsonArray();
        foreach (var key in set.Keys)
        {
            var pkcs8 = key.Key.ExportPkcs8PrivateKey();
            var sealedKey = protector.Protect(Purpose + key.Kid, Convert.ToBase64String(pkcs8));
            CryptographicOperations.ZeroMemory(pkcs8);
            keys.Add(new JsonObject
            {
                ["kid"] = key.Kid,
                ["state"] = key.State.ToString().ToLowerInvariant(),
                ["createdAt"] = key.CreatedAt.ToUnixTimeMilliseconds(),
                ["activatedAt"] = key.ActivatedAt?.ToUnixTimeMilliseconds(),
                ["retiredAt"] = key.RetiredAt?.ToUnixTimeMilliseconds(),
                ["removeAfter"] = key.RemoveAfter?.ToUnixTimeMilliseconds(),
                ["sealedPrivateKey"] = Convert.ToBase64String(sealedKey),
            });
        }

        return new JsonObject { ["format"] = 1, ["version"] = set.Version, ["keys"] = keys }.ToJsonString();
    }

    /// <summary>
    /// Reads a stored set, reusing the key objects of <paramref name="known"/> whose kid matches (so a re-read does
    /// not re-import keys). Throws <see cref="InvalidDataException"/> when the text is damaged or a key cannot be
    /// unsealed (a master key missing from the ring).
    /// </summary>
    public IdentityKeySet Read(string text, IdentityKeySet? known)
    {
        try
        {
            var root = JsonNode.Parse(text)!.AsObject();
            var version = root["version"]!.GetValue<long>();
            var keys = new List<IdentitySigningKey>();
            foreach (var node in root["keys"]!.AsArray())
            {
                var kid = node!["kid"]!.GetValue<string>();
                var state = Enum.Parse<SigningKeyState>(node["state"]!.GetValue<string>(), ignoreCase: true);
                var ecdsa = known?.Keys.FirstOrDefault(k => k.Kid == kid)?.Key ?? Unseal(kid, node["sealedPrivateKey"]!.GetValue<string>());
                keys.Add(new IdentitySigningKey(kid, state, ecdsa, Time(node["createdAt"])!.Value,
                    Time(node["activatedAt"]), Time(node["retiredAt"]), Time(node["removeAfter"])));
            }

            return new IdentityKeySet(version, keys);
        }
        catch (Exception ex) when (ex is JsonException or NullReferenceException or InvalidOperationException or ArgumentException
            or FormatException or CryptographicException)
        {
            throw new InvalidDataException("The identity-token signing keys are damaged or sealed with a master key that is not configured.", ex);
        }
    }

    private ECDsa Unseal(string kid, string sealedKey)
    {
        if (!protector.TryUnprotect(Purpose + kid, Convert.FromBase64String(sealedKey), out var secret))
        {
            throw new InvalidOperationException($"Signing key {kid} cannot be unsealed.");
        }

        var pkcs8 = Convert.FromBase64String(Encoding.UTF8.GetString(secret));
        CryptographicOperations.ZeroMemory(secret);
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
        CryptographicOperations.ZeroMemory(pkcs8);
        if (ecdsa.KeySize != 256)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Signing key {kid} is not a P-256 key."));
        }

        return ecdsa;
    }

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(node.GetValue<long>());
}
