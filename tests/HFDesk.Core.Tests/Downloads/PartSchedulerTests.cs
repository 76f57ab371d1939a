using HFDesk.Core.Downloads;

namespace HFDesk.Core.Tests.Downloads;

public sealed class PartSchedulerTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Constructor_FreshFile_SplitsIntoOrderedChunksSeveralPerConnection()
    {
        var scheduler = new PartScheduler(64 * MiB, new ByteRangeSet(), 8, MiB);
        scheduler.RegisterWorker();

        Assert.Equal(64, scheduler.InitialPartCount);
        Assert.True(scheduler.TryTake(out var first));
        Assert.True(scheduler.TryTake(out var second));
        Assert.Equal((0, MiB), (first.Start, first.End));
        Assert.Equal(MiB, second.Start);
    }

    [Fact]
    public void Constructor_HugeFile_ChunksCappedSoRequestsStayFew()
    {
        var scheduler = new PartScheduler(64L * 1024 * MiB, new ByteRangeSet(), 8, MiB);

        // 1,024 chunks of 64 MiB, the last 8 in quarters.
        Assert.Equal(1024 + (8 * 3), scheduler.InitialPartCount);
    }

    [Fact]
    public void Constructor_LastRoundOfChunks_IsSplitInQuartersSoTailStealsDropLittle()
    {
        var scheduler = new PartScheduler(1024 * MiB, new ByteRangeSet(), 8, MiB);
        scheduler.RegisterWorker();

        var parts = new List<TransferPart>();
        while (parts.Count < scheduler.InitialPartCount && scheduler.TryTake(out var part))
        {
            parts.Add(part);
        }

        // 16 MiB chunks (1 GiB over 8 connections × 8), the last 8 of them (the last 128 MiB) as 4 MiB pieces.
        Assert.Equal(56 + 32, parts.Count);
        Assert.All(parts[..56], p => Assert.Equal(16 * MiB, p.End - p.Start));
        Assert.All(parts[56..], p => Assert.Equal(4 * MiB, p.End - p.Start));
        Assert.Equal(896 * MiB, parts[56].Start);
        Assert.Equal(1024 * MiB, parts[^1].End);
        Assert.True(parts.Zip(parts.Skip(1)).All(pair => pair.First.End == pair.Second.Start));
    }

    [Fact]
    public void Constructor_ResumedFile_SchedulesOnlyMissingBytes()
    {
        var written = new ByteRangeSet([new ByteRange(0, 10 * MiB), new ByteRange(12 * MiB, 16 * MiB)]);
        var scheduler = new PartScheduler(16 * MiB, written, 1, MiB);
        scheduler.RegisterWorker();

        Assert.True(scheduler.TryTake(out var part));
        Assert.Equal(10 * MiB, part.Start);
        Assert.Equal(12 * MiB, part.End);
        scheduler.Complete(part);
        Assert.False(scheduler.TryTake(out _));
    }

    [Fact]
    public void TryTake_NoPendingWork_StealsSecondHalfOfTheLaggingPart()
    {
        var scheduler = new PartScheduler(8 * MiB, new ByteRangeSet(), 2, MiB, chunksPerConnection: 1);
        scheduler.RegisterWorker();
        scheduler.RegisterWorker();
        Assert.True(scheduler.TryTake(out var fast));
        Assert.True(scheduler.TryTake(out var slow));
        _ = scheduler.Claim(fast, (int)fast.Remaining);
        scheduler.Complete(fast);
        _ = scheduler.Claim(slow, (int)MiB);

        Assert.True(scheduler.TryTake(out var stolen));

        Assert.Equal(slow.End, stolen.Start);
        Assert.Equal(8 * MiB, stolen.End);
        Assert.Equal(6 * MiB + (MiB / 2), stolen.Start);
    }

    [Fact]
    public void Claim_AfterTailWasStolen_AllowsOnlyBytesUpToTheNewEnd()
    {
        var scheduler = new PartScheduler(4 * MiB, new ByteRangeSet(), 2, MiB, chunksPerConnection: 1);
        scheduler.RegisterWorker();
        scheduler.RegisterWorker();
        Assert.True(scheduler.TryTake(out var victim));
        Assert.True(scheduler.TryTake(out var other));
        _ = scheduler.Claim(other, (int)other.Remaining);
        scheduler.Complete(other);
        Assert.True(scheduler.TryTake(out var thief));

        var (offset, count) = scheduler.Claim(victim, (int)(3 * MiB));

        Assert.Equal(0, offset);
        Assert.Equal(MiB, count);
        Assert.Equal(MiB, thief.Start);
        Assert.Equal(2 * MiB, thief.End);
    }

    [Fact]
    public void TryRetireForSingleStream_LastConnection_Refuses()
    {
        var scheduler = new PartScheduler(4 * MiB, new ByteRangeSet(), 2, MiB, chunksPerConnection: 1);
        scheduler.RegisterWorker();
        scheduler.RegisterWorker();
        Assert.True(scheduler.TryTake(out var first));
        Assert.True(scheduler.TryTake(out var second));

        Assert.True(scheduler.TryRetireForSingleStream(second));
        Assert.False(scheduler.TryRetireForSingleStream(first));

        // The refused range is queued again for the remaining connection.
        scheduler.Complete(first);
        Assert.True(scheduler.TryTake(out var requeued));
        Assert.Equal(second.Start, requeued.Start);
    }
}
