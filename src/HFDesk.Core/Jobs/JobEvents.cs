namespace HFDesk.Core.Jobs;

/// <summary>
/// Fans job events out to subscribers. Status changes go out at once; progress is coalesced per job to at
/// most one snapshot per interval, keeping only the latest (a Sonarr-style debouncer), so a download
/// reporting every read never floods a client.
/// </summary>
internal sealed class JobEvents : IDisposable
{
    public static readonly TimeSpan DefaultProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Lock _lock = new();
    private readonly Dictionary<JobId, JobChannelState> _jobs = [];
    private JobEventSubscription[] _subscribers = [];
    private bool _disposed;

    public JobEvents(TimeProvider time, TimeSpan? progressInterval = null)
    {
        _time = time;
        _interval = progressInterval ?? DefaultProgressInterval;
    }

    public JobEventSubscription Subscribe(int capacity = 1024)
    {
        var subscription = new JobEventSubscription(this, capacity);
        lock (_lock)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>A status change: sent at once, and any progress snapshot still waiting is dropped as stale.</summary>
    public void PublishStatus(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_lock)
        {
            var state = StateOf(job.Id);
            state.CancelPending();
            state.LastSent = _time.GetTimestamp();
            state.LastStatus = job.Status;
            Deliver(new JobUpdated(job, StatusChanged: true));
        }
    }

    /// <summary>
    /// Progress of a job. <paramref name="snapshot"/> is called only when a message actually goes out, so
    /// reporting is cheap no matter how often it happens.
    /// </summary>
    public void PublishProgress(JobId id, Func<Job> snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var state = StateOf(id);
            if (state.Timer is not null)
            {
                state.Pending = snapshot;
                return;
            }

            var now = _time.GetTimestamp();
            var elapsed = state.LastSent is { } last ? _time.GetElapsedTime(last, now) : _interval;
            if (elapsed >= _interval)
            {
                SendProgress(state, snapshot, now);
                return;
            }

            state.Pending = snapshot;
            state.Timer = _time.CreateTimer(Flush, state, _interval - elapsed, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Raised after a notice went out, for in-process listeners (the cache catalog drops its scan on <c>cache_changed</c>).</summary>
    public event EventHandler<JobNotice>? NoticePublished;

    public void Publish(JobNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        lock (_lock)
        {
            if (notice.Kind == JobNotice.JobDismissed && notice.JobId is { } id && _jobs.Remove(id, out var state))
            {
                state.CancelPending();
            }

            Deliver(notice);
        }

        NoticePublished?.Invoke(this, notice);
    }

    /// <summary>
    /// An event of another area (a mirror operation's progress) on the same stream, so each subscriber's one
    /// queue keeps it in order with everything else. The sender does its own rate limiting.
    /// </summary>
    public void PublishEvent(JobEvent jobEvent)
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        lock (_lock)
        {
            if (!_disposed)
            {
                Deliver(jobEvent);
            }
        }
    }

    public void Dispose()
    {
        JobEventSubscription[] subscribers;
        lock (_lock)
        {
            _disposed = true;
            foreach (var state in _jobs.Values)
            {
                state.CancelPending();
            }

            _jobs.Clear();
            subscribers = _subscribers;
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Dispose();
        }
    }

    internal void Unsubscribe(JobEventSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    private void Flush(object? value)
    {
        var state = (JobChannelState)value!;
        lock (_lock)
        {
            state.Timer?.Dispose();
            state.Timer = null;
            if (state.Pending is { } snapshot && !_disposed)
            {
                state.Pending = null;
                SendProgress(state, snapshot, _time.GetTimestamp());
            }
        }
    }

    private void SendProgress(JobChannelState state, Func<Job> snapshot, long now)
    {
        var job = snapshot();
        // A snapshot taken after the job changed status (it just ended) must not follow the status update.
        if (state.LastStatus is { } status && job.Status != status)
        {
            return;
        }

        state.LastSent = now;
        Deliver(new JobUpdated(job, StatusChanged: false));
    }

    private JobChannelState StateOf(JobId id)
    {
        if (!_jobs.TryGetValue(id, out var state))
        {
            state = new JobChannelState();
            _jobs[id] = state;
        }

        return state;
    }

    private void Deliver(JobEvent jobEvent)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Deliver(jobEvent);
        }
    }

    private sealed class JobChannelState
    {
        public long? LastSent { get; set; }

        public JobStatus? LastStatus { get; set; }

        public Func<Job>? Pending { get; set; }

        public ITimer? Timer { get; set; }

        public void CancelPending()
        {
            Pending = null;
            Timer?.Dispose();
            Timer = null;
        }
    }
}
