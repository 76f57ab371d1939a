namespace HFDesk.Core.Jobs;

/// <summary>
/// Bytes per second over a sliding window. Only bytes that crossed the wire are fed in, so a resumed job does
/// not report the partial bytes it found on disk as a burst of speed. Not thread-safe: the tracker locks.
/// </summary>
internal sealed class ThroughputMeter
{
    private static readonly TimeSpan SampleSpacing = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly Queue<(long Ticks, long Total)> _samples = new();
    private long _total;

    public ThroughputMeter(TimeProvider time, TimeSpan window)
    {
        _time = time;
        _window = window;
        _samples.Enqueue((time.GetTimestamp(), 0));
    }

    public void Add(long bytes)
    {
        if (bytes <= 0)
        {
            return;
        }

        _total += bytes;
        var now = _time.GetTimestamp();
        var (lastTicks, _) = _samples.Count > 0 ? _samples.Last() : (0L, 0L);
        if (_samples.Count <= 1 || _time.GetElapsedTime(lastTicks, now) >= SampleSpacing)
        {
            _samples.Enqueue((now, _total));
        }

        Trim(now);
    }

    public double BytesPerSecond()
    {
        var now = _time.GetTimestamp();
        Trim(now);
        var (oldestTicks, oldestTotal) = _samples.Peek();
        var elapsed = _time.GetElapsedTime(oldestTicks, now);
        // Fewer than a quarter second of data makes a wild number; report nothing yet.
        if (elapsed < TimeSpan.FromMilliseconds(250))
        {
            return 0;
        }

        return (_total - oldestTotal) / elapsed.TotalSeconds;
    }

    private void Trim(long now)
    {
        // Keep one sample at or before the window start so the rate covers the whole window, and so a stall
        // decays the rate towards zero instead of freezing the last value.
        while (_samples.Count > 1)
        {
            var second = _samples.ElementAt(1);
            if (_time.GetElapsedTime(second.Ticks, now) >= _window)
            {
                _samples.Dequeue();
            }
            else
            {
                break;
            }
        }

        var (oldestTicks, oldestTotal) = _samples.Peek();
        if (_samples.Count == 1 && _time.GetElapsedTime(oldestTicks, now) > _window)
        {
            _samples.Clear();
            _samples.Enqueue((now - (long)(_window.TotalSeconds * _time.TimestampFrequency), oldestTotal));
        }
    }
}
