namespace HFDesk.HubEmulator;

/// <summary>One injected fault. <see cref="Hits"/> counts the requests it changed; it stops after <see cref="Times"/>.</summary>
public sealed class FaultRule
{
    private int _hits;

    internal FaultRule(FaultKind kind, FaultScope scope, int times)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(times);
        Kind = kind;
        Scope = scope;
        Times = times;
    }

    public FaultKind Kind { get; }

    public FaultScope Scope { get; }

    public int Times { get; }

    public int Hits => Volatile.Read(ref _hits);

    public long Bytes { get; init; }

    public long BytesPerSecond { get; init; }

    public int StatusCode { get; init; }

    public TimeSpan Duration { get; init; }

    public StallMode StallMode { get; init; }

    public int RetryAfterSeconds { get; init; }

    /// <summary>Where <see cref="FaultKind.RedirectElsewhere"/> sends requests (scheme, host and port).</summary>
    public Uri? Target { get; init; }

    /// <summary><see cref="FaultKind.RedirectLoop"/>: an absolute <c>Location</c> (this host) instead of a relative one.</summary>
    public bool Absolute { get; init; }

    /// <summary><see cref="FaultKind.LyingContentRange"/>: added to the start and end the header names.</summary>
    public long StartShift { get; init; }

    /// <summary><see cref="FaultKind.LyingContentRange"/>: added to the total the header names.</summary>
    public long TotalShift { get; init; }

    internal bool TryTake()
    {
        while (true)
        {
            var hits = Volatile.Read(ref _hits);
            if (hits >= Times)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _hits, hits + 1, hits) == hits)
            {
                return true;
            }
        }
    }
}
