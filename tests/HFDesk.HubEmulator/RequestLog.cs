namespace HFDesk.HubEmulator;

/// <summary>
/// Every request to the hub and CDN ports, in arrival order. Requests appear as soon as they arrive and
/// their byte count grows while they are served, so a test never races the emulator's bookkeeping.
/// </summary>
public sealed class RequestLog
{
    private readonly List<Entry> _entries = [];
    private readonly object _gate = new();
    private long _sequence;

    public IReadOnlyList<LoggedRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries.Select(e => e.ToLogged())];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>Sum of body bytes sent for requests whose path or served file contains <paramref name="pathContains"/>.</summary>
    public long BytesSent(string pathContains, RequestOrigin? origin = null) =>
        Snapshot()
            .Where(r => origin is null || r.Origin == origin)
            .Where(r => r.Path.Contains(pathContains, StringComparison.Ordinal) || (r.FilePath?.Contains(pathContains, StringComparison.Ordinal) ?? false))
            .Sum(r => r.BytesSent);

    internal Entry Begin(RequestOrigin origin, string method, string path, string query, string? range, string? authorization)
    {
        var entry = new Entry(Interlocked.Increment(ref _sequence), origin, method, path, query, range, authorization);
        lock (_gate)
        {
            _entries.Add(entry);
        }

        return entry;
    }

    internal sealed class Entry(long sequence, RequestOrigin origin, string method, string path, string query, string? range, string? authorization)
    {
        private long _bytes;
        private int _status;
        private int _completed;

        public string? FilePath { get; set; }

        public void AddBytes(long count) => Interlocked.Add(ref _bytes, count);

        public void SetStatus(int status) => Volatile.Write(ref _status, status);

        public void Complete(int status)
        {
            if (Volatile.Read(ref _status) == 0)
            {
                SetStatus(status);
            }

            Volatile.Write(ref _completed, 1);
        }

        public LoggedRequest ToLogged() => new(
            sequence, origin, method, path, query, range, authorization,
            Volatile.Read(ref _status), Interlocked.Read(ref _bytes), FilePath, Volatile.Read(ref _completed) == 1);
    }
}
