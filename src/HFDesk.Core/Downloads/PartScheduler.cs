namespace HFDesk.Core.Downloads;

/// <summary>
/// Hands out ranges to connections and keeps the record of written bytes. When no chunk is left, an idle connection
/// steals the second half of the part with the most left, so the slow tail is shared instead of waited for.
/// </summary>
internal sealed class PartScheduler
{
    // Ordered chunks, several per connection, handed out lowest first: the written prefix then grows steadily, so the
    // hasher follows the download instead of re-reading most of the file after the last byte arrives (one contiguous
    // part per connection would leave 7/8 of the file to hash at the end). Bounded so a chunk costs one request
    // round trip per tens of MB at most.
    public const int DefaultChunksPerConnection = 8;
    private const long MaxChunkSize = 64L * 1024 * 1024;
    private const int TailSplit = 4;

    private readonly Lock _lock = new();
    private readonly Queue<TransferPart> _pending = new();
    private readonly List<TransferPart> _active = [];
    private readonly ByteRangeSet _written;
    private readonly long _minPartSize;
    private int _workers;
    private int _maxWorkers;

    public PartScheduler(long size, ByteRangeSet alreadyWritten, int connections, long minPartSize, int chunksPerConnection = DefaultChunksPerConnection)
    {
        _written = alreadyWritten;
        _minPartSize = Math.Max(1, minPartSize);
        _maxWorkers = connections;

        var missing = alreadyWritten.Missing(size);
        var missingBytes = missing.Sum(r => r.Length);
        // One connection gains nothing from chunks and would pay a request per chunk: it takes each hole whole.
        var target = connections <= 1
            ? long.MaxValue
            : Math.Clamp(missingBytes / (connections * Math.Max(1, chunksPerConnection)), _minPartSize, MaxChunkSize);
        var chunks = new List<TransferPart>();
        foreach (var range in missing)
        {
            var start = range.Start;
            while (start < range.End)
            {
                var end = range.End - start > target ? start + target : range.End;
                chunks.Add(new TransferPart(start, end));
                start = end;
            }
        }

        // The last round of chunks, one per connection, in quarters: at the tail an idle connection then steals from a
        // small part, and the bytes the victim's server had already sent past the split (its socket buffers, MBs on
        // a fast link) are few; with full-size tail chunks those dropped tails cost about 5% of a file upstream.
        // (One chunk per connection asks for exactly that layout.)
        var tail = connections <= 1 || chunksPerConnection <= 1 ? 0 : Math.Min(connections, chunks.Count);
        foreach (var chunk in chunks[..^tail])
        {
            _pending.Enqueue(chunk);
        }

        foreach (var chunk in chunks[^tail..])
        {
            var piece = Math.Max(_minPartSize, (chunk.End - chunk.Start) / TailSplit);
            for (var start = chunk.Start; start < chunk.End; start += piece)
            {
                _pending.Enqueue(new TransferPart(start, Math.Min(chunk.End, start + piece)));
            }
        }

        InitialPartCount = _pending.Count;
    }

    public int InitialPartCount { get; }

    public long WrittenBytes
    {
        get
        {
            lock (_lock)
            {
                return _written.TotalBytes;
            }
        }
    }

    public int ActiveWorkers
    {
        get
        {
            lock (_lock)
            {
                return _workers;
            }
        }
    }

    public void RegisterWorker()
    {
        lock (_lock)
        {
            _workers++;
        }
    }

    /// <summary>Next part for a connection; false unregisters the connection (no work left, or it is surplus now).</summary>
    public bool TryTake(out TransferPart part)
    {
        lock (_lock)
        {
            if (_workers > _maxWorkers)
            {
                _workers--;
                part = null!;
                return false;
            }

            if (_pending.TryDequeue(out var next))
            {
                _active.Add(next);
                part = next;
                return true;
            }

            TransferPart? victim = null;
            foreach (var candidate in _active)
            {
                if (victim is null || candidate.Remaining > victim.Remaining)
                {
                    victim = candidate;
                }
            }

            if (victim is not null && victim.Remaining >= 2 * _minPartSize)
            {
                var middle = victim.Position + (victim.Remaining / 2);
                var stolen = new TransferPart(middle, victim.End);
                victim.End = middle;
                _active.Add(stolen);
                part = stolen;
                return true;
            }

            _workers--;
            part = null!;
            return false;
        }
    }

    /// <summary>Claims up to <paramref name="count"/> bytes at the part's position; fewer when its tail was stolen meanwhile.</summary>
    public (long Offset, int Count) Claim(TransferPart part, int count)
    {
        lock (_lock)
        {
            var offset = part.Position;
            var allowed = (int)Math.Clamp(part.End - offset, 0, count);
            part.Position += allowed;
            return (offset, allowed);
        }
    }

    public long CurrentEnd(TransferPart part)
    {
        lock (_lock)
        {
            return part.End;
        }
    }

    public void MarkWritten(long offset, int count)
    {
        lock (_lock)
        {
            _written.Add(new ByteRange(offset, offset + count));
        }
    }

    public void Complete(TransferPart part)
    {
        lock (_lock)
        {
            _active.Remove(part);
        }
    }

    /// <summary>
    /// A server that refuses extra connections (403 on a second Range request) gets one stream: the refused part goes
    /// back to the queue and the connection retires. False when this is the last connection, so the 403 is real.
    /// </summary>
    public bool TryRetireForSingleStream(TransferPart part)
    {
        lock (_lock)
        {
            if (_workers <= 1)
            {
                return false;
            }

            _workers--;
            _maxWorkers = 1;
            _active.Remove(part);
            if (part.Remaining > 0)
            {
                _pending.Enqueue(new TransferPart(part.Position, part.End));
            }

            return true;
        }
    }

    public long ContiguousWrittenEnd(long offset)
    {
        lock (_lock)
        {
            return _written.ContiguousEnd(offset);
        }
    }

    public ByteRange[] WrittenSnapshot()
    {
        lock (_lock)
        {
            return _written.ToArray();
        }
    }
}
