using HFDesk.Core.Hub;
using HFDesk.Core.Planning;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Jobs.Execution;

/// <summary>
/// One repo download, from its plan to its end: the single owner of the facts every part of it reads. The commit
/// is the plan's; the storage target is opened once; which files are already on disk is looked at once, when the
/// run opens; and the phase is the run's, which the job tracker and the CLI learn from its observer events.
/// </summary>
internal sealed class RepoDownloadRun
{
    private readonly HashSet<string> _present;
    private PhaseFollower? _events;

    private RepoDownloadRun(DownloadPlan plan, IStorageTarget target, HashSet<string> present)
    {
        Plan = plan;
        Target = target;
        _present = present;
    }

    public DownloadPlan Plan { get; }

    /// <summary>The commit every file is fetched at and recorded under.</summary>
    public string Commit => Plan.Commit;

    public IStorageTarget Target { get; }

    /// <summary>What the user opens: the friendly view folder in cache mode, the repo folder in local mode.</summary>
    public string OutputDir => Target.OutputDir;

    public DownloadPhase Phase => _events?.Phase ?? DownloadPhase.Planning;

    /// <summary>Bytes still to fetch: files not present, each distinct blob counted once.</summary>
    public long BytesToDownload => Plan.Files.Where(f => !IsPresent(f)).DistinctBy(f => f.BlobName).Sum(f => f.Size);

    /// <summary>Plans <paramref name="request"/> (the run's Planning phase) and opens the run at <paramref name="destination"/>.</summary>
    public static async Task<RepoDownloadRun> PlanAsync(
        HubClient hub, DownloadPlanRequest request, StorageDestination destination, IDownloadObserver? observer, CancellationToken cancellationToken)
    {
        observer?.PhaseChanged(DownloadPhase.Planning);
        var plan = await new DownloadPlanner(hub).PlanAsync(request, cancellationToken);
        return Open(plan, destination);
    }

    /// <summary>Opens the plan's storage target and looks once at what is already there.</summary>
    public static RepoDownloadRun Open(DownloadPlan plan, StorageDestination destination)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(destination);
        var target = destination.Open(plan.Type, plan.Repo, plan.Commit);

        // IsPresent confines every path to the destination: a name that escapes it fails here, before anything is written.
        var present = plan.Files.Where(target.IsPresent).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return new RepoDownloadRun(plan, target, present);
    }

    /// <summary>True when the file's bytes were complete at the destination when the run opened.</summary>
    public bool IsPresent(RepoFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return _present.Contains(file.Path);
    }

    /// <summary>Free bytes on the destination volume, or null when the OS cannot say.</summary>
    public long? AvailableFreeSpace() => Target.AvailableFreeSpace();

    /// <summary>
    /// Starts reporting the run's transfers to <paramref name="observer"/>: every event goes through the returned
    /// observer, so the phase follows what the files do. Called once, by the runner.
    /// </summary>
    public IDownloadObserver Observe(IDownloadObserver? observer)
    {
        var events = new PhaseFollower(observer, Plan.Files.Where(f => !IsPresent(f)).Select(f => f.Path).Distinct(StringComparer.Ordinal));
        return Interlocked.CompareExchange(ref _events, events, null) is null
            ? events
            : throw new InvalidOperationException("A run is transferred once; open a new run to try again.");
    }

    /// <summary>Moves the run to <paramref name="phase"/> and tells the observer.</summary>
    public void EnterPhase(DownloadPhase phase) =>
        (_events ?? throw new InvalidOperationException("The run is not being observed yet.")).Enter(phase);

    /// <summary>
    /// Forwards the runner's events and derives the one phase the files imply: while downloading, once every file
    /// left is being hashed (out-of-order parts re-read, or the commit running) the run is verifying, and back to
    /// downloading when a file starts over or the last one is done.
    /// </summary>
    private sealed class PhaseFollower : IDownloadObserver
    {
        private readonly Lock _lock = new();
        private readonly IDownloadObserver? _observer;
        private readonly Dictionary<string, FileStage> _files;
        private DownloadPhase _phase = DownloadPhase.Planning;
        private DownloadPhase _stated = DownloadPhase.Planning;
        private int _busy;
        private int _verifying;

        public PhaseFollower(IDownloadObserver? observer, IEnumerable<string> toTransfer)
        {
            _observer = observer;

            // Files still to transfer hold the phase at downloading until they start, even while the others hash.
            _files = toTransfer.ToDictionary(p => p, _ => FileStage.Pending, StringComparer.Ordinal);
            _busy = _files.Count;
        }

        public DownloadPhase Phase
        {
            get
            {
                lock (_lock)
                {
                    return _stated;
                }
            }
        }

        public void Enter(DownloadPhase phase)
        {
            lock (_lock)
            {
                _phase = phase;
                _stated = phase;
                _observer?.PhaseChanged(phase);
            }
        }

        public void Planned(int files, long totalBytes, string commit, string outputDir) =>
            _observer?.Planned(files, totalBytes, commit, outputDir);

        public void PhaseChanged(DownloadPhase phase) => Enter(phase);

        public void FileStarted(string path, long bytesOnDisk, long totalBytes) =>
            Follow(path, FileStage.Active, o => o.FileStarted(path, bytesOnDisk, totalBytes));

        public void FileProgress(string path, long bytesOnDisk, long fetchedBytes, long totalBytes)
        {
            lock (_lock)
            {
                _observer?.FileProgress(path, bytesOnDisk, fetchedBytes, totalBytes);

                // Verifying with bytes missing again means the engine started the file over (failed hash, ignored Range).
                var stage = _files.GetValueOrDefault(path, FileStage.Pending);
                if (stage == FileStage.Pending || (stage == FileStage.Verifying && bytesOnDisk < totalBytes))
                {
                    Move(path, FileStage.Active);
                }
            }
        }

        public void FileVerifying(string path) => Follow(path, FileStage.Verifying, o => o.FileVerifying(path));

        public void FileCompleted(string path, long totalBytes) => Follow(path, FileStage.Done, o => o.FileCompleted(path, totalBytes));

        public void FileSkipped(string path, long totalBytes) => Follow(path, FileStage.Done, o => o.FileSkipped(path, totalBytes));

        public void FileFailed(string path, string message) => Follow(path, FileStage.Done, o => o.FileFailed(path, message));

        public void Activity(string path, string? message) => _observer?.Activity(path, message);

        // Under one lock with the forwarding, so the observer sees a file's event before the phase it causes.
        private void Follow(string path, FileStage stage, Action<IDownloadObserver> forward)
        {
            lock (_lock)
            {
                if (_observer is not null)
                {
                    forward(_observer);
                }

                Move(path, stage);
            }
        }

        private void Move(string path, FileStage stage)
        {
            if (_files.TryGetValue(path, out var before))
            {
                Count(before, -1);
            }

            _files[path] = stage;
            Count(stage, +1);
            if (_phase != DownloadPhase.Downloading)
            {
                return;
            }

            var derived = _busy == 0 && _verifying > 0 ? DownloadPhase.Verifying : DownloadPhase.Downloading;
            if (derived != _stated)
            {
                _stated = derived;
                _observer?.PhaseChanged(derived);
            }
        }

        private void Count(FileStage stage, int delta)
        {
            switch (stage)
            {
                case FileStage.Pending or FileStage.Active:
                    _busy += delta;
                    break;
                case FileStage.Verifying:
                    _verifying += delta;
                    break;
            }
        }
    }

    private enum FileStage
    {
        Pending,
        Active,
        Verifying,
        Done,
    }
}
