using System.Runtime.Versioning;
using Gateway.Accounts.Tokens;
using Gateway.Tests.TestSupport;

namespace Gateway.Tests.Accounts.Tokens;

public sealed class SecretFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WriteNew_WritesExactContent()
    {
        var path = _dir.Combine("bootstrap-admin.key");

        SecretFile.WriteNew(path, "gwk_secret\n");

        Assert.Equal("gwk_secret\n", File.ReadAllText(path));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void WriteNew_CreatesFileWithMode0600()
    {
        var path = _dir.Combine("bootstrap-admin.key");

        SecretFile.WriteNew(path, "secret");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void WriteNew_ExistingFile_ThrowsAndLeavesItUntouched()
    {
        var path = _dir.Combine("bootstrap-admin.key");
        File.WriteAllText(path, "original");

        Assert.Throws<IOException>(() => SecretFile.WriteNew(path, "replacement"));
        Assert.Equal("original", File.ReadAllText(path));
    }

    [Fact]
    public void WriteNew_MissingDirectory_CreatesIt()
    {
        var path = _dir.Combine("a", "b", "secret.key");

        SecretFile.WriteNew(path, "x");

        Assert.Equal("x", File.ReadAllText(path));
    }
}
