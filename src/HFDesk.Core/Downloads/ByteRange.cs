namespace HFDesk.Core.Downloads;

/// <summary>A half-open byte range <c>[Start, End)</c> of a file.</summary>
internal readonly record struct ByteRange(long Start, long End)
{
    public long Length => End - Start;

    public bool IsEmpty => End <= Start;

    public override string ToString() => $"[{Start}, {End})";
}
