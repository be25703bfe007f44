using Gateway.Audit.Sqlite;

namespace Gateway.Tests.Audit;

public sealed class CoreShareTests
{
    [Fact]
    public void YieldsOncePerRowsWritten_OneAtATime()
    {
        var share = new CoreShare();
        for (var i = 0; i < CoreShare.Rows - 1; i++)
        {
            share.Wrote();
        }

        Assert.Equal(0, share.Yields);
        share.Wrote();
        Assert.Equal(1, share.Yields);

        for (var i = 0; i < 3 * CoreShare.Rows + 5; i++)
        {
            share.Wrote();
        }

        Assert.Equal(4, share.Yields);
    }

    [Fact]
    public void AChunkOfRows_CountsAsThatMany_AndYieldsOncePerChunkAtLeastRowsLong()
    {
        var share = new CoreShare();
        share.Wrote(CoreShare.Rows / 2);
        Assert.Equal(0, share.Yields);
        share.Wrote(CoreShare.Rows / 2);
        Assert.Equal(1, share.Yields);

        share.Wrote(64); // one usage statement of 64 keys
        share.Wrote(64);
        Assert.Equal(3, share.Yields);
    }
}
