namespace HFDesk.Core.Downloads;

/// <summary>
/// The per-read stall timeout of one request, kept apart from the caller's token: armed around each wait for the
/// server, it cancels its own token when a wait lasts longer than the timeout. One timer per request checks a
/// timestamp, so arming costs two writes per read instead of rescheduling a timer per read.
/// </summary>
internal sealed class StallWatchdog : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeout;
    private readonly CancellationTokenSource _fired = new();
    private readonly ITimer? _timer;
    private long _armedAt;
    private int _armed;

    public StallWatchdog(TimeProvider timeProvider, TimeSpan timeout)
    {
        _timeProvider = timeProvider;
        _timeout = timeout;
        if (timeout > TimeSpan.Zero)
        {
            var period = TimeSpan.FromTicks(Math.Max(timeout.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks));
            _timer = timeProvider.CreateTimer(_ => Check(), null, period, period);
        }
    }

    public CancellationToken Token => _fired.Token;

    public bool Fired => _fired.IsCancellationRequested;

    public void Arm()
    {
        Volatile.Write(ref _armedAt, _timeProvider.GetTimestamp());
        Volatile.Write(ref _armed, 1);
    }

    public void Disarm() => Volatile.Write(ref _armed, 0);

    public void Dispose()
    {
        _timer?.Dispose();
        _fired.Dispose();
    }

    private void Check()
    {
        if (Volatile.Read(ref _armed) == 1 && _timeProvider.GetElapsedTime(Volatile.Read(ref _armedAt)) >= _timeout)
        {
            try
            {
                _fired.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The request ended between the check and the cancel.
            }
        }
    }
}
