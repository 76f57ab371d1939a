using HFDesk.Core.Downloads;

namespace HFDesk.Core.Tests.Downloads;

public sealed class ByteRangeSetTests
{
    [Fact]
    public void Add_AdjacentAndOverlapping_MergesIntoOneRange()
    {
        var set = new ByteRangeSet();
        set.Add(new ByteRange(10, 20));
        set.Add(new ByteRange(30, 40));
        set.Add(new ByteRange(20, 30));
        set.Add(new ByteRange(35, 50));

        Assert.Equal([new ByteRange(10, 50)], set.ToArray());
        Assert.Equal(40, set.TotalBytes);
    }

    [Fact]
    public void Add_RangeCoveringSeveral_CountsEachByteOnce()
    {
        var set = new ByteRangeSet([new ByteRange(0, 5), new ByteRange(10, 15), new ByteRange(20, 25)]);
        set.Add(new ByteRange(3, 22));

        Assert.Equal([new ByteRange(0, 25)], set.ToArray());
        Assert.Equal(25, set.TotalBytes);
    }

    [Fact]
    public void Missing_WithHoles_ReturnsTheGapsUpToSize()
    {
        var set = new ByteRangeSet([new ByteRange(5, 10), new ByteRange(20, 30)]);

        Assert.Equal([new ByteRange(0, 5), new ByteRange(10, 20), new ByteRange(30, 40)], set.Missing(40));
    }

    [Fact]
    public void ContiguousEnd_InsideAndOutsideRanges_ReportsTheRunEnd()
    {
        var set = new ByteRangeSet([new ByteRange(0, 10), new ByteRange(20, 30)]);

        Assert.Equal(10, set.ContiguousEnd(0));
        Assert.Equal(10, set.ContiguousEnd(9));
        Assert.Equal(10, set.ContiguousEnd(10));
        Assert.Equal(30, set.ContiguousEnd(25));
        Assert.Equal(35, set.ContiguousEnd(35));
        Assert.True(set.Covers(20, 30));
        Assert.False(set.Covers(5, 21));
    }
}
