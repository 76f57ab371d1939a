namespace HFDesk.Core.Downloads;

/// <summary>Sorted, merged set of byte ranges: what of a file is already on disk. Not thread-safe.</summary>
internal sealed class ByteRangeSet
{
    private readonly List<ByteRange> _ranges = [];

    public ByteRangeSet()
    {
    }

    public ByteRangeSet(IEnumerable<ByteRange> ranges)
    {
        foreach (var range in ranges)
        {
            Add(range);
        }
    }

    public long TotalBytes { get; private set; }

    public IReadOnlyList<ByteRange> Ranges => _ranges;

    public void Add(ByteRange range)
    {
        if (range.IsEmpty)
        {
            return;
        }

        // Parts append at the tail of a range they already own, so the common case is a merge with one neighbour.
        var index = FindInsertIndex(range.Start);
        var start = range.Start;
        var end = range.End;
        var first = index;
        if (first > 0 && _ranges[first - 1].End >= start)
        {
            first--;
        }

        var last = first;
        while (last < _ranges.Count && _ranges[last].Start <= end)
        {
            start = Math.Min(start, _ranges[last].Start);
            end = Math.Max(end, _ranges[last].End);
            last++;
        }

        for (var i = first; i < last; i++)
        {
            TotalBytes -= _ranges[i].Length;
        }

        _ranges.RemoveRange(first, last - first);
        _ranges.Insert(first, new ByteRange(start, end));
        TotalBytes += end - start;
    }

    /// <summary>End of the run of covered bytes that starts at <paramref name="offset"/> (itself when not covered).</summary>
    public long ContiguousEnd(long offset)
    {
        var index = FindInsertIndex(offset + 1) - 1;
        if (index >= 0 && _ranges[index].Start <= offset && _ranges[index].End > offset)
        {
            return _ranges[index].End;
        }

        return offset;
    }

    public bool Covers(long start, long end) => end <= start || ContiguousEnd(start) >= end;

    public IReadOnlyList<ByteRange> Missing(long size)
    {
        var missing = new List<ByteRange>();
        var cursor = 0L;
        foreach (var range in _ranges)
        {
            if (range.Start >= size)
            {
                break;
            }

            if (range.Start > cursor)
            {
                missing.Add(new ByteRange(cursor, range.Start));
            }

            cursor = Math.Max(cursor, range.End);
        }

        if (cursor < size)
        {
            missing.Add(new ByteRange(cursor, size));
        }

        return missing;
    }

    public ByteRange[] ToArray() => [.. _ranges];

    // Index of the first range whose Start is >= start.
    private int FindInsertIndex(long start)
    {
        int lo = 0, hi = _ranges.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ranges[mid].Start < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
