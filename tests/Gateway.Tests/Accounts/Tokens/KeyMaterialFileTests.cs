using System.Runtime.Versioning;
using Gateway.Accounts.Tokens;
using Gateway.Tests.TestSupport;

namespace Gateway.Tests.Accounts.Tokens;

public sealed class KeyMaterialFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LoadOrCreate_NoFile_CreatesRandomKeyOfRequestedSize()
    {
        var path = _dir.Combine("token-hash.key");

        var key = KeyMaterialFile.LoadOrCreate(path, 32, out var created);

        Assert.True(created);
        Assert.Equal(32, key.Length);
        Assert.Contains(key, b => b != 0);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void LoadOrCreate_NoFile_WritesBase64OfTheKey()
    {
        var path = _dir.Combine("token-hash.key");

        var key = KeyMaterialFile.LoadOrCreate(path, 32, out _);

        Assert.Equal(key, Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void LoadOrCreate_NoFile_CreatesFileWithMode0600()
    {
        var path = _dir.Combine("token-hash.key");

        KeyMaterialFile.LoadOrCreate(path, 32, out _);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void LoadOrCreate_Twice_ReloadsTheSameBytes()
    {
        var path = _dir.Combine("token-hash.key");
        var first = KeyMaterialFile.LoadOrCreate(path, 32, out var createdFirst);

        var second = KeyMaterialFile.LoadOrCreate(path, 32, out var createdSecond);

        Assert.True(createdFirst);
        Assert.False(createdSecond);
        Assert.Equal(first, second);
    }

    [Fact]
    public void LoadOrCreate_MissingDirectory_CreatesIt()
    {
        var path = _dir.Combine("nested", "deeper", "token-hash.key");

        KeyMaterialFile.LoadOrCreate(path, 32, out var created);

        Assert.True(created);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void LoadOrCreate_ExistingKeyShorterThanRequired_Throws()
    {
        var path = _dir.Combine("token-hash.key");
        File.WriteAllText(path, Convert.ToBase64String(new byte[16]) + "\n");

        var ex = Assert.Throws<InvalidOperationException>(() => KeyMaterialFile.LoadOrCreate(path, 32, out _));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("16", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOrCreate_ExistingEmptyFile_Throws()
    {
        var path = _dir.Combine("token-hash.key");
        File.WriteAllText(path, "");

        Assert.Throws<InvalidOperationException>(() => KeyMaterialFile.LoadOrCreate(path, 32, out _));
    }

    [Fact]
    public void LoadOrCreate_ExistingLongerKey_ReturnsAllOfIt()
    {
        var path = _dir.Combine("token-hash.key");
        var stored = Enumerable.Range(0, 48).Select(i => (byte)i).ToArray();
        File.WriteAllText(path, "  " + Convert.ToBase64String(stored) + "\n\n");

        var key = KeyMaterialFile.LoadOrCreate(path, 32, out var created);

        Assert.False(created);
        Assert.Equal(stored, key);
    }
}
