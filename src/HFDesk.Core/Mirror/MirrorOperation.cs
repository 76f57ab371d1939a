namespace HFDesk.Core.Mirror;

/// <summary>
/// The live state of one push or pull. Written by the copies of the run (several at once); read at any time
/// through <see cref="Snapshot"/>. Progress goes to the observer at most every 250 ms; the final state once, last.
/// </summary>
internal sealed class MirrorOperation
{
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lock _lock = new();
    private readonly Lock _publishLock = new();
    private readonly TimeProvider _time;
    private readonly Action<MirrorOperationEvent>? _observer;
    private readonly List<MirrorError> _errors = [];
    private readonly long _startTimestamp;
    private long? _lastPublished;
    private int _filesDone;
    private long _bytesDone;
    private int _copied;
    private long _copiedBytes;
    private int _deleted;
    private string? _repo;
    private MirrorOperationStatus _status = MirrorOperationStatus.Running;
    private DateTimeOffset? _endedAt;

    public MirrorOperation(string id, MirrorPlan plan, TimeProvider time, Action<MirrorOperationEvent>? observer)
    {
        Id = id;
        Plan = plan;
        _time = time;
        _observer = observer;
        StartedAt = time.GetUtcNow();
        _startTimestamp = time.GetTimestamp();
    }

    public string Id { get; }

    public MirrorPlan Plan { get; }

    public DateTimeOffset StartedAt { get; }

    public CancellationTokenSource Cancellation { get; } = new();

    public Task Completion { get; set; } = Task.CompletedTask;

    public MirrorOperationStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    public int ErrorCount
    {
        get
        {
            lock (_lock)
            {
                return _errors.Count;
            }
        }
    }

    /// <summary>The first progress message, so a client learns the totals before any file finishes.</summary>
    public void Begin() => Publish(force: true);

    public void EnterRepo(string repo)
    {
        lock (_lock)
        {
            _repo = repo;
        }

        Publish(force: false);
    }

    public void AddBytes(long bytes)
    {
        lock (_lock)
        {
            _bytesDone += bytes;
        }

        Publish(force: false);
    }

    /// <summary>A planned file is done with, copied or not; its bytes count as done either way so the bar reaches its end.</summary>
    public void FileDone(MirrorCopy copy, long bytesAlreadyCounted, bool copied)
    {
        lock (_lock)
        {
            _filesDone++;
            _bytesDone += copy.Size - bytesAlreadyCounted;
            if (copied)
            {
                _copied++;
                _copiedBytes += copy.Size;
            }
        }

        Publish(force: false);
    }

    public void RepoDeleted()
    {
        lock (_lock)
        {
            _deleted++;
        }
    }

    public void AddError(string repo, string? path, string message)
    {
        lock (_lock)
        {
            _errors.Add(new MirrorError(repo, path, message));
        }
    }

    public void Finish(MirrorOperationStatus status)
    {
        lock (_lock)
        {
            if (_status != MirrorOperationStatus.Running)
            {
                return;
            }

            _status = status;
            _endedAt = _time.GetUtcNow();
            _repo = null;
        }

        if (_observer is not null)
        {
            // After any progress report still going out: mirror_finished is the operation's last event.
            lock (_publishLock)
            {
                _observer(new MirrorOperationEvent(MirrorOperationEvent.Finished, Snapshot()));
            }
        }
    }

    public MirrorOperationSnapshot Snapshot()
    {
        lock (_lock)
        {
            var elapsed = _time.GetElapsedTime(_startTimestamp).TotalSeconds;
            var speed = elapsed > 0.2 ? (long)(_bytesDone / elapsed) : 0;
            long? eta = speed > 0 ? (Plan.TotalBytes - _bytesDone) / speed : null;
            var progress = new MirrorProgress(_filesDone, Plan.TotalFiles, _bytesDone, Plan.TotalBytes, speed, eta, _repo);
            return new MirrorOperationSnapshot(
                Id, Plan.Direction, Plan.Target.Name, _status, progress, _copied, _copiedBytes, _deleted, Plan.Skipped, [.. _errors], StartedAt, _endedAt);
        }
    }

    private void Publish(bool force)
    {
        if (_observer is null)
        {
            return;
        }

        // Several files are copied at once: one observer call at a time, so a later snapshot never overtakes an
        // earlier one. A report that finds another one going out is dropped; the next follows within the interval.
        if (force)
        {
            _publishLock.Enter();
        }
        else if (!_publishLock.TryEnter())
        {
            return;
        }

        try
        {
            lock (_lock)
            {
                var now = _time.GetTimestamp();
                if (_status != MirrorOperationStatus.Running
                    || (!force && _lastPublished is { } last && _time.GetElapsedTime(last, now) < ProgressInterval))
                {
                    return;
                }

                _lastPublished = now;
            }

            _observer(new MirrorOperationEvent(MirrorOperationEvent.Progress, Snapshot()));
        }
        finally
        {
            _publishLock.Exit();
        }
    }
}
