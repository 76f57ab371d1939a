using HFDesk.Core.Jobs.Execution;

namespace HFDesk.Core.Jobs;

/// <summary>
/// What the executor tells the scheduler while a job runs: plan, phase, per-file bytes and status, activity.
/// Thread-safe (files transfer in parallel). Speed counts only bytes transferred in this run: a file's
/// bytes found on disk at start are its baseline, never throughput.
/// </summary>
internal sealed class JobProgressTracker : IDownloadObserver
{
    private static readonly TimeSpan SpeedWindow = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly List<FileState> _files = [];
    private readonly Dictionary<string, FileState> _byPath = new(StringComparer.Ordinal);
    private readonly ThroughputMeter _meter;
    private JobPhase? _phase;
    private string? _commit;
    private string? _activity;

    public JobProgressTracker(Job job, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(job);
        _meter = new ThroughputMeter(time, SpeedWindow);
        _phase = job.Phase;
        _commit = job.Commit;
        foreach (var file in job.Files)
        {
            Add(new FileState(file.Path, file.TotalBytes)
            {
                Oid = file.Oid,
                LfsSha256 = file.LfsSha256,
                Downloaded = file.Downloaded,
                Status = file.Status is JobFileStatus.Active or JobFileStatus.Verifying ? JobFileStatus.Pending : file.Status,
                Error = file.Error,
            });
        }
    }

    /// <summary>Raised after every report, outside the lock. The scheduler coalesces what it publishes.</summary>
    public event EventHandler? Changed;

    /// <summary>
    /// Raised (after <see cref="Changed"/>) when something worth persisting at once happened: the plan arrived, or a
    /// file completed, was skipped or failed. Byte counts alone wait for the periodic checkpoint.
    /// </summary>
    public event EventHandler? Settled;

    public void SetPhase(JobPhase phase) => Update(() => _phase = phase);

    public void SetCommit(string commit) => Update(() => _commit = commit);

    /// <summary>Text for what is happening when bytes are not flowing ("retrying in 4 s"); null clears it.</summary>
    public void SetActivity(string? activity) => Update(() => _activity = activity);

    public void SetPlan(IEnumerable<PlannedJobFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Update(settled: true, () =>
        {
            var previous = new Dictionary<string, FileState>(_byPath, StringComparer.Ordinal);
            _files.Clear();
            _byPath.Clear();
            foreach (var planned in files)
            {
                var state = new FileState(planned.Path, planned.Size) { Oid = planned.Oid, LfsSha256 = planned.LfsSha256 };
                if (planned.Present)
                {
                    state.Downloaded = planned.Size;
                    state.Status = JobFileStatus.Skipped;
                }
                else if (previous.TryGetValue(planned.Path, out var before) && before.TotalBytes == planned.Size)
                {
                    // Keep what the last run reached until the executor reports the file's real on-disk size.
                    state.Downloaded = Math.Min(before.Downloaded, planned.Size);
                }

                Add(state);
            }
        });
    }

    /// <summary>A file starts transferring with <paramref name="bytesOnDisk"/> already there (resume).</summary>
    public void FileStarted(string path, long bytesOnDisk) => Update(() =>
    {
        var file = Get(path);
        file.Downloaded = bytesOnDisk;
        file.Status = JobFileStatus.Active;
        file.Error = null;
    });

    /// <summary>Cumulative bytes of a file; the increase since the last report counts as throughput.</summary>
    public void FileProgress(string path, long downloaded) => Update(() =>
    {
        var file = Get(path);
        var delta = downloaded - file.Downloaded;
        file.Downloaded = downloaded;
        // Verifying with bytes missing again means the engine started the file over (failed hash, ignored Range).
        if (file.Status == JobFileStatus.Pending
            || (file.Status == JobFileStatus.Verifying && downloaded < file.TotalBytes))
        {
            file.Status = JobFileStatus.Active;
        }

        // A negative delta is a restart from zero (server ignored Range): not throughput either way.
        _meter.Add(delta);
    });

    /// <summary>Already complete at the destination: nothing is fetched and nothing counts as throughput.</summary>
    public void FileSkipped(string path) => Update(settled: true, () =>
    {
        var file = Get(path);
        file.Downloaded = file.TotalBytes;
        file.Status = JobFileStatus.Skipped;
    });

    public void FileVerifying(string path) => Update(() => Get(path).Status = JobFileStatus.Verifying);

    public void FileCompleted(string path) => Update(settled: true, () =>
    {
        var file = Get(path);
        file.Status = JobFileStatus.Complete;
        _meter.Add(file.TotalBytes - file.Downloaded);
        file.Downloaded = file.TotalBytes;
        file.Error = null;
    });

    public void FileFailed(string path, string error) => Update(settled: true, () =>
    {
        var file = Get(path);
        file.Status = JobFileStatus.Failed;
        file.Error = error;
    });

    // The runner reports straight into the tracker (one hop); the commit and the phase are the run's, learnt here.
    void IDownloadObserver.Planned(int files, long totalBytes, string commit, string outputDir) => SetCommit(commit);

    void IDownloadObserver.PhaseChanged(DownloadPhase phase) => SetPhase(phase switch
    {
        DownloadPhase.Planning => JobPhase.Planning,
        DownloadPhase.Downloading => JobPhase.Downloading,
        DownloadPhase.Verifying => JobPhase.Verifying,
        _ => JobPhase.Finalizing,
    });

    void IDownloadObserver.FileStarted(string path, long bytesOnDisk, long totalBytes) => FileStarted(path, bytesOnDisk);

    void IDownloadObserver.FileProgress(string path, long bytesOnDisk, long fetchedBytes, long totalBytes) => FileProgress(path, bytesOnDisk);

    void IDownloadObserver.FileVerifying(string path) => FileVerifying(path);

    void IDownloadObserver.FileCompleted(string path, long totalBytes) => FileCompleted(path);

    void IDownloadObserver.FileSkipped(string path, long totalBytes) => FileSkipped(path);

    void IDownloadObserver.FileFailed(string path, string message) => FileFailed(path, message);

    void IDownloadObserver.Activity(string path, string? message) => SetActivity(message);

    /// <summary>The job with this tracker's progress folded in; status and times stay the caller's.</summary>
    public Job ApplyTo(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_lock)
        {
            var files = _files.Select(f => new JobFile(f.Path, f.TotalBytes, f.Downloaded, f.Status, f.Error, f.Oid, f.LfsSha256)).ToArray();
            var totalBytes = files.Sum(f => f.TotalBytes);
            var downloaded = files.Sum(f => f.Downloaded);
            var speed = _meter.BytesPerSecond();
            long? eta = speed > 0 ? (long)Math.Ceiling(Math.Max(0, totalBytes - downloaded) / speed) : null;
            var progress = new JobProgress
            {
                TotalFiles = files.Length,
                CompletedFiles = files.Count(f => f.Status is JobFileStatus.Complete or JobFileStatus.Skipped),
                TotalBytes = totalBytes,
                DownloadedBytes = downloaded,
                BytesPerSecond = Math.Round(speed, 1),
                EtaSeconds = eta,
            };
            var phase = _phase;
            return job with { Phase = phase, Commit = _commit ?? job.Commit, Files = files, Progress = progress with { Activity = _activity ?? DefaultActivity(phase) } };
        }
    }

    private static string? DefaultActivity(JobPhase? phase) => phase switch
    {
        JobPhase.Planning => "planning",
        JobPhase.Verifying => "verifying",
        JobPhase.Finalizing => "finalizing",
        _ => null,
    };

    private void Update(Action change) => Update(settled: false, change);

    private void Update(bool settled, Action change)
    {
        lock (_lock)
        {
            change();
        }

        Changed?.Invoke(this, EventArgs.Empty);
        if (settled)
        {
            Settled?.Invoke(this, EventArgs.Empty);
        }
    }

    private FileState Get(string path)
    {
        if (!_byPath.TryGetValue(path, out var file))
        {
            // The executor may report a file the plan did not list (e.g. a plan reported late); track it anyway.
            file = new FileState(path, 0);
            Add(file);
        }

        return file;
    }

    private void Add(FileState file)
    {
        if (_byPath.TryAdd(file.Path, file))
        {
            _files.Add(file);
        }
    }

    private sealed class FileState(string path, long totalBytes)
    {
        public string Path { get; } = path;

        public long TotalBytes { get; set; } = totalBytes;

        public string? Oid { get; init; }

        public string? LfsSha256 { get; init; }

        public long Downloaded { get; set; }

        public JobFileStatus Status { get; set; } = JobFileStatus.Pending;

        public string? Error { get; set; }
    }
}
