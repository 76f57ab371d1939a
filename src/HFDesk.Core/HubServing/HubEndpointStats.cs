namespace HFDesk.Core.HubServing;

/// <summary>Counters of <c>GET /api/hub-endpoint/stats</c>. Thread-safe; read as one <see cref="HubEndpointStatsSnapshot"/>.</summary>
internal sealed class HubEndpointStats
{
    private long _requests;
    private long _bytesServed;
    private long _bytesServedZeroCopy;
    private long _cacheHits;
    private long _upstreamFills;
    private long _rejected;

    public void Request() => Interlocked.Increment(ref _requests);

    public void Served(long bytes) => Interlocked.Add(ref _bytesServed, bytes);

    /// <summary>Body bytes that went from disk to the socket by sendfile(2), never copied through the process.</summary>
    public void ServedZeroCopy(long bytes) => Interlocked.Add(ref _bytesServedZeroCopy, bytes);

    public void CacheHit() => Interlocked.Increment(ref _cacheHits);

    public void UpstreamFill() => Interlocked.Increment(ref _upstreamFills);

    public void Rejected() => Interlocked.Increment(ref _rejected);

    public HubEndpointStatsSnapshot Snapshot() => new(
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _bytesServed),
        Interlocked.Read(ref _bytesServedZeroCopy),
        Interlocked.Read(ref _cacheHits),
        Interlocked.Read(ref _upstreamFills),
        Interlocked.Read(ref _rejected));
}
