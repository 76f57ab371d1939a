using System.Collections.Concurrent;
using HFDesk.Core.Cache;
using HFDesk.Core.Hub;
using HFDesk.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HFDesk.Core.Jobs;

/// <summary>
/// Owns every job's lifecycle: persists each status change, then publishes it; starts the oldest queued jobs
/// while fewer than <c>maxConcurrentJobs</c> run; pauses, resumes, retries, cancels and dismisses. One async
/// gate serializes all status changes; progress flows beside it through the tracker and the event debouncer.
/// </summary>
internal sealed partial class JobScheduler : IRepoActivity, IAsyncDisposable
{
    private readonly IJobStore _store;
    private readonly IJobExecutor _executor;
    private readonly JobEvents _events;
    private readonly TimeProvider _time;
    private readonly JobVersionClock _versions;
    private readonly Func<int> _maxConcurrentJobs;
    private readonly ILogger _logger;
    private readonly TimeSpan _checkpointInterval;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<JobId, Entry> _entries = new();
    private long _nextSequence = 1;
    private bool _started;
    private bool _stopping;

    public JobScheduler(
        IJobStore store,
        IJobExecutor executor,
        JobEvents events,
        TimeProvider time,
        Func<int> maxConcurrentJobs,
        ILogger<JobScheduler>? logger = null,
        TimeSpan? checkpointInterval = null)
    {
        _store = store;
        _executor = executor;
        _events = events;
        _time = time;
        _versions = new JobVersionClock(time);
        _maxConcurrentJobs = maxConcurrentJobs;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _checkpointInterval = checkpointInterval ?? JobProgressCheckpointer.DefaultInterval;
    }

    public JobEvents Events => _events;

    /// <summary>Loads persisted jobs (running ones go back to the queue: the process died under them) and starts work.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_started)
            {
                return;
            }

            foreach (var stored in await _store.LoadJobsAsync(cancellationToken))
            {
                var job = WithBytesOnDisk(stored);
                if (job.Status == JobStatus.Running)
                {
                    job = JobStateMachine.Apply(job, JobAction.Interrupt, _time.GetUtcNow()).Next!;
                    await _store.SaveAsync(job, cancellationToken);
                }

                _entries[job.Id] = new Entry(job, _versions);
                _nextSequence = Math.Max(_nextSequence, job.Sequence + 1);
            }

            _started = true;
            await StartQueuedJobsAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Graceful shutdown: accept nothing new, stop running jobs keeping their partial files, and persist them
    /// as queued so the next start resumes them from their partial bytes.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        List<Task> running = [];
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _stopping = true;
            foreach (var entry in _entries.Values)
            {
                if (entry.Run is { } run)
                {
                    run.StopReason ??= JobStopReason.Shutdown;
                    await run.Cancellation.CancelAsync();
                    running.Add(run.Completion);
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        await Task.WhenAll(running).WaitAsync(cancellationToken);
    }

    /// <summary>Starts queued jobs if a slot opened up, e.g. after <c>maxConcurrentJobs</c> was raised.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await StartQueuedJobsAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public IReadOnlyList<Job> GetJobs() =>
        [.. _entries.Values.Select(e => e.Snapshot()).OrderBy(j => j.Sequence)];

    public Job? Find(JobId id) => _entries.TryGetValue(id, out var entry) ? entry.Snapshot() : null;

    /// <summary>True while a queued, running or paused job targets the repository (the cache refuses deletes then).</summary>
    public bool IsActive(RepoType type, RepoId repo) => _entries.Values.Any(e => Uses(e.Job, type, repo));

    /// <summary>Whether <paramref name="job"/> still needs the repo's files: queued, running or paused.</summary>
    internal static bool Uses(Job job, RepoType type, RepoId repo) =>
        job.Status.IsActive()
        && job.Request.Type == type
        && string.Equals(job.Repo.ToString(), repo.ToString(), StringComparison.OrdinalIgnoreCase);

    public async Task<JobEnqueueResult> EnqueueAsync(
        JobRequest request, JobDestination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_stopping)
            {
                return JobEnqueueResult.ShuttingDown;
            }

            var job = new Job
            {
                Id = JobId.New(),
                Sequence = _nextSequence,
                Request = request,
                Destination = destination with
                {
                    OutputDir = Path.GetFullPath(destination.OutputDir),
                    HubDir = destination.HubDir is null ? null : Path.GetFullPath(destination.HubDir),
                },
                CreatedAt = _time.GetUtcNow(),
            };

            var key = JobDuplicateKey.Of(job);
            var existing = _entries.Values
                .Where(e => e.Job.Status.IsActive() && JobDuplicateKey.Of(e.Job) == key)
                .MinBy(e => e.Job.Sequence);
            if (existing is not null)
            {
                return JobEnqueueResult.DuplicateOf(existing.Snapshot());
            }

            // Past the gate the caller's token no longer counts (issue 12 item 8): an aborted request must not
            // leave half an action behind (here: a saved job that was never published or started).
            await _store.SaveAsync(job, CancellationToken.None);
            _nextSequence++;
            var created = new Entry(job, _versions);
            _entries[job.Id] = created;
            _events.PublishStatus(created.Snapshot());
            await StartQueuedJobsAsync();
            return JobEnqueueResult.Created(Find(job.Id) ?? job);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Starts at once a job whose work is <paramref name="body"/> rather than the executor's: a Hub endpoint fill,
    /// which LAN clients are already waiting on. It skips the queue, <c>maxConcurrentJobs</c> and the duplicate check
    /// (its caller coalesces and limits fills itself), and is otherwise a job like any: persisted, published, listed,
    /// cancellable, kept in history. A retry after it ended runs through the executor as a normal download.
    /// <paramref name="job"/>'s id, sequence, status and times are set here. Returns the running job, or null when
    /// the scheduler is shutting down (nothing was started).
    /// </summary>
    public async Task<Job?> StartAttachedAsync(
        Job job, Func<JobProgressTracker, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(body);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_stopping || !_started)
            {
                return null;
            }

            var created = job with
            {
                Id = JobId.New(),
                Sequence = _nextSequence,
                Status = JobStatus.Queued,
                CreatedAt = _time.GetUtcNow(),
                StartedAt = null,
                EndedAt = null,
            };
            await _store.SaveAsync(created, CancellationToken.None);
            _nextSequence++;
            var entry = new Entry(created, _versions);
            _entries[created.Id] = entry;
            await StartRunAsync(entry, body);
            return entry.Snapshot();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops a running job keeping its partial files (or holds a queued one back).</summary>
    public async Task<JobActionResult> PauseAsync(JobId id, CancellationToken cancellationToken)
    {
        // A paused fill would leave its LAN clients hanging on a partial they can never finish; cancel says what happens.
        if (Find(id) is { Source: JobSource.Hub, Status: JobStatus.Running } pull)
        {
            return JobActionResult.Conflict(pull, $"Job {id} is a LAN pull: it cannot be paused, only cancelled (its waiting clients then get an error)");
        }

        return await StopOrApplyAsync(id, JobAction.Pause, JobStopReason.Pause, cancellationToken);
    }

    /// <summary>Stops the job and deletes its partial files.</summary>
    public Task<JobActionResult> CancelAsync(JobId id, CancellationToken cancellationToken) =>
        StopOrApplyAsync(id, JobAction.Cancel, JobStopReason.Cancel, cancellationToken);

    public Task<JobActionResult> ResumeAsync(JobId id, CancellationToken cancellationToken) =>
        RequeueAsync(id, JobAction.Resume, cancellationToken);

    public Task<JobActionResult> RetryAsync(JobId id, CancellationToken cancellationToken) =>
        RequeueAsync(id, JobAction.Retry, cancellationToken);

    /// <summary>Removes a terminal job from the list (history keeps it) and deletes any partial files it left.</summary>
    public async Task<JobActionResult> DismissAsync(JobId id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Refuse(id, JobAction.Dismiss, out var entry, out _) is { } refused)
            {
                return refused;
            }

            if (entry.Job.Status != JobStatus.Completed)
            {
                await DeletePartialsAsync(entry.Job);
            }

            // The partials are gone: the rest must happen even if the request was aborted meanwhile.
            await _store.DeleteAsync(id, CancellationToken.None);
            _entries.TryRemove(id, out _);
            _events.Publish(new JobNotice(JobNotice.JobDismissed, $"Job {id} dismissed", id, entry.Job.Repo.ToString()));
            return JobActionResult.Done(entry.Job);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_started && !_stopping)
        {
            await StopAsync(CancellationToken.None);
        }

        _gate.Dispose();
    }

    /// <summary>
    /// Caller holds the gate. What every job action refuses alike: anything once shutdown began (409), an unknown id
    /// (404), a transition the state machine does not allow (409). Null when the action may go ahead.
    /// </summary>
    private JobActionResult? Refuse(JobId id, JobAction action, out Entry entry, out JobTransition transition)
    {
        entry = null!;
        transition = default;
        if (_stopping)
        {
            return JobActionResult.ShuttingDown(id);
        }

        if (!_entries.TryGetValue(id, out var found))
        {
            return JobActionResult.NotFound(id);
        }

        entry = found;
        transition = JobStateMachine.Apply(found.Job, action, _time.GetUtcNow());
        return transition.Allowed ? null : JobActionResult.Conflict(found.Snapshot(), transition.Conflict!);
    }

    private async Task<JobActionResult> RequeueAsync(JobId id, JobAction action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Refuse(id, action, out var entry, out var transition) is { } refused)
            {
                return refused;
            }

            await CommitAsync(entry, transition.Next!);
            await StartQueuedJobsAsync();
            return JobActionResult.Done(entry.Snapshot());
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<JobActionResult> StopOrApplyAsync(
        JobId id, JobAction action, JobStopReason reason, CancellationToken cancellationToken)
    {
        // A running job is stopped through its token and lands in its new status when its run ends; a job
        // that is not running changes status directly. Loop because the run may end on its own meanwhile.
        while (true)
        {
            Task completion;
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (Refuse(id, action, out var entry, out var transition) is { } refused)
                {
                    return refused;
                }

                if (entry.Run is not { } run)
                {
                    if (reason == JobStopReason.Cancel)
                    {
                        await DeletePartialsAsync(entry.Job);
                    }

                    await CommitAsync(entry, transition.Next!);
                    await StartQueuedJobsAsync();
                    return JobActionResult.Done(entry.Snapshot());
                }

                // Cancel overrides a pause already under way (its partials must go); a pause never overrides.
                if (run.StopReason is null || reason == JobStopReason.Cancel)
                {
                    run.StopReason = reason;
                }

                await run.Cancellation.CancelAsync();
                completion = run.Completion;
            }
            finally
            {
                _gate.Release();
            }

            await completion.WaitAsync(cancellationToken);
            if (Find(id) is { } after && (after.Status == Expected(action) || after.Status.IsTerminal()))
            {
                return after.Status == Expected(action)
                    ? JobActionResult.Done(after)
                    : JobActionResult.Conflict(after, $"Job {id} already ended as {after.Status.Word()}");
            }
        }
    }

    private static JobStatus Expected(JobAction action) =>
        action == JobAction.Cancel ? JobStatus.Cancelled : JobStatus.Paused;

    // Caller holds the gate.
    private async Task StartQueuedJobsAsync()
    {
        if (!_started || _stopping)
        {
            return;
        }

        var limit = Math.Max(1, _maxConcurrentJobs());
        while (_entries.Values.Count(e => e.Run is not null) < limit)
        {
            var next = _entries.Values
                .Where(e => e.Run is null && e.Job.Status == JobStatus.Queued)
                .MinBy(e => e.Job.Sequence);
            if (next is null)
            {
                return;
            }

            await StartRunAsync(next);
        }
    }

    // Caller holds the gate.
    private async Task StartRunAsync(Entry entry, Func<JobProgressTracker, CancellationToken, Task>? body = null)
    {
        var started = JobStateMachine.Apply(entry.Job, JobAction.Start, _time.GetUtcNow()).Next!;
        var tracker = new JobProgressTracker(started, _time);
        var run = new JobRun(tracker) { Body = body };
        entry.Run = run;
        try
        {
            await CommitAsync(entry, started);
        }
        catch (Exception)
        {
            entry.Run = null;
            run.Cancellation.Dispose();
            throw;
        }

        var id = started.Id;
        var checkpointer = new JobProgressCheckpointer(() => CheckpointAsync(entry, run), _time, _checkpointInterval);
        run.Checkpointer = checkpointer;
        tracker.Changed += (_, _) =>
        {
            _events.PublishProgress(id, entry.Snapshot);
            checkpointer.MarkChanged();
        };
        tracker.Settled += (_, _) => checkpointer.SaveSoon();
        run.Completion = Task.Run(() => RunAsync(entry, run, started));
    }

    private async Task RunAsync(Entry entry, JobRun run, Job started)
    {
        var succeeded = false;
        Exception? failure = null;
        try
        {
            await (run.Body is { } body
                ? body(run.Tracker, run.Cancellation.Token)
                : _executor.RunAsync(started, run.Tracker, run.Cancellation.Token));
            succeeded = true;
        }
        catch (OperationCanceledException) when (run.Cancellation.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        // Before taking the gate: a checkpoint still under way needs it, and must not land after the final state.
        if (run.Checkpointer is { } checkpointer)
        {
            await checkpointer.DisposeAsync();
        }

        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            var reason = run.StopReason;
            if (!succeeded && reason == JobStopReason.Cancel)
            {
                await DeletePartialsAsync(started);
            }

            var action = succeeded ? JobAction.Complete : reason switch
            {
                JobStopReason.Pause => JobAction.Pause,
                JobStopReason.Cancel => JobAction.Cancel,
                JobStopReason.Shutdown => JobAction.Interrupt,
                _ => JobAction.Fail,
            };
            if (action == JobAction.Fail)
            {
                LogJobFailed(_logger, started.Id, started.Repo.ToString(), failure);
            }

            var current = run.Tracker.ApplyTo(entry.Job);
            var next = JobStateMachine.Apply(current, action, _time.GetUtcNow(), ErrorText(failure)).Next ?? current;
            entry.Run = null;
            try
            {
                await CommitAsync(entry, next);
            }
            catch (Exception ex)
            {
                // The in-memory state stays right; the next successful save of this job rewrites the row.
                entry.Job = next;
                _events.PublishStatus(entry.Snapshot());
                LogStoreFailed(_logger, started.Id, ex);
            }

            if (next.Status == JobStatus.Completed)
            {
                // New files in the cache: the cache browser and search badges should rescan.
                _events.Publish(new JobNotice(
                    JobNotice.CacheChanged, $"Downloaded {next.Repo}", next.Id, next.Repo.ToString()));
            }

            await StartQueuedJobsAsync();
        }
        finally
        {
            _gate.Release();
            run.Cancellation.Dispose();
        }
    }

    private static string? ErrorText(Exception? failure) => failure switch
    {
        null => null,
        OperationCanceledException => "The download was interrupted",
        _ => failure.Message,
    };

    /// <summary>
    /// Saves a running job's progress (files, bytes, plan) so a crash loses at most one checkpoint interval of
    /// numbers. Under the gate, and only while this run is still the job's run: a status change always wins.
    /// </summary>
    private async Task CheckpointAsync(Entry entry, JobRun run)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (!ReferenceEquals(entry.Run, run) || entry.Job.Status != JobStatus.Running)
            {
                return;
            }

            await _store.SaveAsync(run.Tracker.ApplyTo(entry.Job), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The next checkpoint or status change writes the row again; the download itself goes on.
            LogCheckpointFailed(_logger, entry.Job.Id, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A loaded job whose unfinished files count what their partials really hold: the last checkpoint may be
    /// older (or, between two journal saves, newer) than the bytes a resume keeps. Never touches the network.
    /// </summary>
    private Job WithBytesOnDisk(Job job)
    {
        if (job.Status.IsTerminal() || job.Files.Count == 0)
        {
            return job;
        }

        try
        {
            var measured = _executor.WithBytesOnDisk(job);
            return new JobProgressTracker(measured, _time).ApplyTo(measured);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or UnsafePathException)
        {
            LogBytesNotMeasured(_logger, job.Id, ex);
            return job;
        }
    }

    // Caller holds the gate. Persist first: a status the store never saw must not reach clients. Never with the
    // request's token: a commit follows a side effect (partials deleted, a run stopped) that an aborted request
    // must not leave half done (issue 12 item 8); the caller's token only bounds the wait for the gate.
    private async Task CommitAsync(Entry entry, Job next)
    {
        await _store.SaveAsync(next, CancellationToken.None);
        entry.Job = next;
        _events.PublishStatus(entry.Snapshot());
    }

    private async Task DeletePartialsAsync(Job job)
    {
        try
        {
            await _executor.DeletePartialsAsync(job, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogPartialsNotDeleted(_logger, job.Id, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} ({Repo}) failed")]
    private static partial void LogJobFailed(ILogger logger, JobId jobId, string repo, Exception? exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not persist job {JobId}")]
    private static partial void LogStoreFailed(ILogger logger, JobId jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the progress of job {JobId}")]
    private static partial void LogCheckpointFailed(ILogger logger, JobId jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not measure the partial files of job {JobId}")]
    private static partial void LogBytesNotMeasured(ILogger logger, JobId jobId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the partial files of job {JobId}")]
    private static partial void LogPartialsNotDeleted(ILogger logger, JobId jobId, Exception exception);

    private sealed class Entry(Job job, JobVersionClock versions)
    {
        private volatile Job _job = job;
        private volatile JobRun? _run;

        public Job Job
        {
            get => _job;
            set => _job = value;
        }

        public JobRun? Run
        {
            get => _run;
            set => _run = value;
        }

        public Job Snapshot()
        {
            var job = _job;
            var snapshot = _run is { } run && job.Status == JobStatus.Running ? run.Tracker.ApplyTo(job) : job;
            return snapshot with { Version = versions.Next() };
        }
    }

    private sealed class JobRun(JobProgressTracker tracker)
    {
        public JobProgressTracker Tracker { get; } = tracker;

        public CancellationTokenSource Cancellation { get; } = new();

        public JobStopReason? StopReason { get; set; }

        /// <summary>The work of an attached job (<see cref="StartAttachedAsync"/>); null runs the executor.</summary>
        public Func<JobProgressTracker, CancellationToken, Task>? Body { get; init; }

        public JobProgressCheckpointer? Checkpointer { get; set; }

        public Task Completion { get; set; } = Task.CompletedTask;
    }
}
