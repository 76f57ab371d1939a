namespace HFDesk.Core.Downloads;

/// <summary>A range one connection is fetching. Position and End change only under the scheduler's lock.</summary>
internal sealed class TransferPart(long start, long end)
{
    public long Start { get; } = start;

    /// <summary>Next byte this part writes; bytes before it are claimed (and, once written, recorded).</summary>
    public long Position { get; set; } = start;

    /// <summary>Exclusive end; shrinks when an idle connection steals the tail.</summary>
    public long End { get; set; } = end;

    public long Remaining => End - Position;

    public override string ToString() => $"part [{Start}, {End}) at {Position}";
}
