namespace HFDesk.Core.Jobs;

/// <summary>
/// Decides when a running job's progress is written to the store, so that after a crash the job list shows
/// numbers at most one interval old: on each timer tick if anything changed, and at once when asked (a file
/// settled). Saves run one at a time on the thread pool, never on the transfer's thread; requests that arrive
/// while a save runs fold into one more save, which waits as long as the last save took: a job of many small files
/// completes them back to back, and its row must not be rewritten more than half the time.
/// </summary>
internal sealed class JobProgressCheckpointer : IAsyncDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    private readonly Func<Task> _save;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposing = new();
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private Task _saving = Task.CompletedTask;
    private bool _changed;
    private bool _pending;
    private bool _running;
    private bool _disposed;

    // save persists the latest snapshot and must not throw: it logs its own failures.
    public JobProgressCheckpointer(Func<Task> save, TimeProvider time, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(time);
        _save = save;
        _time = time;
        _timer = time.CreateTimer(static state => ((JobProgressCheckpointer)state!).OnTick(), this, interval, interval);
    }

    /// <summary>Cheap enough for every progress report: only marks that the next tick has something to save.</summary>
    public void MarkChanged()
    {
        lock (_lock)
        {
            _changed = true;
        }
    }

    /// <summary>Saves as soon as the save under way (if any) ends, without waiting for the next tick.</summary>
    public void SaveSoon()
    {
        lock (_lock)
        {
            RequestLocked();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task saving;
        lock (_lock)
        {
            _disposed = true;
            saving = _saving;
        }

        await _disposing.CancelAsync();
        await _timer.DisposeAsync();
        await saving;
        _disposing.Dispose();
    }

    private void OnTick()
    {
        lock (_lock)
        {
            if (_changed)
            {
                RequestLocked();
            }
        }
    }

    private void RequestLocked()
    {
        if (_disposed)
        {
            return;
        }

        // The save reads the tracker when it runs, so it covers every change made before this point.
        _changed = false;
        _pending = true;
        if (!_running)
        {
            _running = true;
            _saving = Task.Run(SaveLoopAsync);
        }
    }

    private async Task SaveLoopAsync()
    {
        while (true)
        {
            lock (_lock)
            {
                if (!_pending || _disposed)
                {
                    _pending = false;
                    _running = false;
                    return;
                }

                _pending = false;
            }

            var started = _time.GetTimestamp();
            await _save();
            var took = _time.GetElapsedTime(started);
            if (took > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(took, _time, _disposing.Token);
                }
                catch (OperationCanceledException)
                {
                    // Disposed: the loop ends at its next check.
                }
            }
        }
    }
}
