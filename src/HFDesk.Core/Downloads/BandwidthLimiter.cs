namespace HFDesk.Core.Downloads;

/// <summary>
/// One token bucket for the whole process (maxSpeed is shared by all transfers), adjustable while transfers run.
/// Readers take what they read and, when the bucket goes into debt, wait it off: debt keeps concurrent readers fair.
/// </summary>
internal sealed class BandwidthLimiter(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private long _bytesPerSecond;
    private double _tokens;
    private long _lastRefill = timeProvider.GetTimestamp();

    /// <summary>Zero or negative means unlimited.</summary>
    public long BytesPerSecond
    {
        get => Volatile.Read(ref _bytesPerSecond);
        set
        {
            lock (_lock)
            {
                _bytesPerSecond = Math.Max(0, value);
                _tokens = Math.Min(_tokens, Burst(_bytesPerSecond));
                _lastRefill = timeProvider.GetTimestamp();
            }
        }
    }

    /// <summary>Largest read worth doing under the current cap, so one read never borrows seconds of budget.</summary>
    public int ReadLimit(int bufferSize)
    {
        var rate = BytesPerSecond;
        return rate <= 0 ? bufferSize : (int)Math.Clamp(rate / 20, 4096, bufferSize);
    }

    public ValueTask WaitAsync(int bytes, CancellationToken cancellationToken)
    {
        TimeSpan delay;
        lock (_lock)
        {
            var rate = _bytesPerSecond;
            if (rate <= 0)
            {
                return ValueTask.CompletedTask;
            }

            var now = timeProvider.GetTimestamp();
            var elapsed = timeProvider.GetElapsedTime(_lastRefill, now).TotalSeconds;
            _lastRefill = now;
            _tokens = Math.Min(Burst(rate), _tokens + (elapsed * rate)) - bytes;
            if (_tokens >= 0)
            {
                return ValueTask.CompletedTask;
            }

            delay = TimeSpan.FromSeconds(-_tokens / rate);
        }

        return new ValueTask(Task.Delay(delay, timeProvider, cancellationToken));
    }

    // A tenth of a second of budget: enough to absorb scheduling jitter, small enough that the cap holds over short windows.
    private static double Burst(long rate) => Math.Max(rate / 10.0, 64 * 1024);
}
