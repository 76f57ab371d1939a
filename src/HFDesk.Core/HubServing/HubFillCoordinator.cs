using System.Collections.Concurrent;
using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;
using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Storage;

namespace HFDesk.Core.HubServing;

/// <summary>
/// Pull-through fills: a file not in H is fetched with HFDesk's own engine (verified, resumable, several Range
/// connections, under the global bandwidth cap, at most <c>maxActive</c> fills at once as the settings say now) into
/// H, and every client asking for the same blob meanwhile shares that one upstream download. Each fill is a job
/// (<see cref="JobSource.Hub"/>) the user sees in Downloads and history and can cancel.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2213", Justification = "The token source is cancelled, not disposed, so unwinding fills can still use it.")]
internal sealed class HubFillCoordinator : IDisposable
{
    // While every slot is taken the limit is looked at again this often, so a raised maxActive lets a fill start
    // without waiting for another fill to end.
    private static readonly TimeSpan SlotRecheck = TimeSpan.FromSeconds(1);

    private readonly DownloadEngine _engine;
    private readonly Func<StorageRoots> _roots;
    private readonly HubCacheIndex _index;
    private readonly HubEndpointStats _stats;
    private readonly TimeProvider _time;
    private readonly JobScheduler? _jobs;
    private readonly ConcurrentDictionary<string, HubFill> _active = new(StringComparer.Ordinal);
    private readonly Lock _startGate = new();
    private readonly Lock _slotGate = new();
    private readonly CancellationTokenSource _shutdown = new();
    private TaskCompletionSource _slotReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;

    // jobs: the scheduler that lists each fill as a job; null runs fills unlisted (tests of the coordinator alone).
    internal HubFillCoordinator(DownloadEngine engine, Func<StorageRoots> roots, HubCacheIndex index, HubEndpointStats stats, TimeProvider time, JobScheduler? jobs = null)
    {
        _engine = engine;
        _roots = roots;
        _index = index;
        _stats = stats;
        _time = time;
        _jobs = jobs;
    }

    public IReadOnlyList<HubFill> Active => [.. _active.Values];

    /// <summary>The running fill of this blob, or a new one; <paramref name="client"/> (who asked first) is shown with its job.</summary>
    public HubFill Start(RepoType type, RepoId id, string commit, ServedFile file, string? client = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var roots = _roots();
        var layout = new HfCacheLayout(roots.HubDir, type, id, commit);
        var repoFile = new RepoFile(file.Path, file.Size, file.GitOid, file.LfsSha256);
        var key = layout.RepoDir + "|" + repoFile.BlobName;
        lock (_startGate)
        {
            if (_active.TryGetValue(key, out var running))
            {
                return running;
            }

            var fill = new HubFill(id.ToString(), file.Path, file.Size, layout.PathsFor(repoFile).TempPath);
            _active[key] = fill;
            _ = RunAsync(key, fill, layout, repoFile, roots, client);
            return fill;
        }
    }

    public void Dispose()
    {
        // Only cancelled, never disposed: fills still unwinding use the token.
        _shutdown.Cancel();
    }

    private async Task RunAsync(string key, HubFill fill, HfCacheLayout layout, RepoFile file, StorageRoots roots, string? client)
    {
        try
        {
            if (_jobs is null)
            {
                await FillAsync(fill, layout, file, null, _shutdown.Token);
                return;
            }

            var job = new Job
            {
                Id = default,
                Sequence = 0,
                Request = new JobRequest { Repo = layout.Repo, Type = layout.Type, Revision = layout.Commit, Filters = [file.Path], ExactMatch = true },
                // Always H, even when the user's downloads go to a flat localDir: the endpoint serves H.
                Destination = new JobDestination(roots.CacheDir, roots.HubDir, Flat: false),
                CreatedAt = _time.GetUtcNow(),
                Commit = layout.Commit,
                // Known before it starts, so a cancel can name the partial to delete without asking the Hub.
                Files = [new JobFile(file.Path, file.Size, 0, JobFileStatus.Pending, null, file.Oid, file.LfsSha256)],
                Source = JobSource.Hub,
                LanClient = client,
            };
            var started = await _jobs.StartAttachedAsync(job, (tracker, ct) => FillAsync(fill, layout, file, tracker, ct), _shutdown.Token);
            if (started is null)
            {
                throw new OperationCanceledException("HFDesk is shutting down.");
            }

            // The job's run owns the fill now: it completes or fails it. Keep coalescing until then.
            await fill.Completion.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        catch (Exception ex)
        {
            fill.Fail(ex);
        }
        finally
        {
            _active.TryRemove(key, out _);
        }
    }

    private async Task FillAsync(HubFill fill, HfCacheLayout layout, RepoFile file, IDownloadObserver? observer, CancellationToken jobToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(jobToken, _shutdown.Token);
        var ct = linked.Token;
        var acquired = false;
        try
        {
            await AcquireSlotAsync(observer, file.Path, ct);
            acquired = true;
            observer?.PhaseChanged(DownloadPhase.Downloading);

            // The same engine as jobs: Hub client, settings and the process's one bandwidth bucket.
            var hub = _engine.CreateHub();
            var options = TransferOptions.From(_engine.Settings) with { ProgressInterval = TimeSpan.FromMilliseconds(20) };
            var paths = layout.PathsFor(file);
            var (source, token) = await SourceAsync(hub, layout, file, options, ct);
            var request = new TransferRequest(source, token, file.Size, file.LfsSha256, file.BlobName, layout.Commit, paths.TempPath, paths.JournalPath)
            {
                RepoUrl = hub.RepoPageUrl(layout.Repo, layout.Type).AbsoluteUri,
                Context = new HubCallContext(layout.Repo, layout.Type, layout.Commit, file.Path),
            };

            // A regular file's blob is named by its git sha1: always checked, as a job does.
            var transfer = file.IsLfs || options.Verify >= VerifyMode.Etag ? options : options with { Verify = VerifyMode.Etag };
            var reporter = new FileProgressReporter([file], observer);
            try
            {
                await new RangeDownloader(hub.BytesClient, _engine.Bandwidth, _time).DownloadAsync(request, transfer, new FillProgress(fill, reporter), ct);
            }
            catch (TransferGaveUpException gaveUp)
            {
                // Where the engine's failure becomes the client's words (401/404 passed on, "gave up after N retries").
                throw TransferFailureWording.Explain(gaveUp, request);
            }

            observer?.FileVerifying(file.Path);
            observer?.PhaseChanged(DownloadPhase.Finalizing);
            await layout.CommitAsync([file], ct);
            var committed = _index.Find(layout.Type, layout.Repo)?.Resolve(layout.Commit)?.Files.GetValueOrDefault(file.Path)?.PhysicalPath
                ?? layout.BlobPath(file.BlobName);
            _stats.UpstreamFill();
            observer?.FileCompleted(file.Path, file.Size);
            fill.Complete(committed);
        }
        catch (Exception ex)
        {
            fill.Fail(ex);
            throw;
        }
        finally
        {
            if (acquired)
            {
                ReleaseSlot();
            }
        }
    }

    // Like a job: a large LFS file fetched with several connections asks once for its CDN location, so each Range
    // part goes straight there; a single stream follows the resolve redirect itself.
    private static async Task<(Uri Source, string? Token)> SourceAsync(HubClient hub, HfCacheLayout layout, RepoFile file, TransferOptions options, CancellationToken ct)
    {
        if (file.IsLfs && file.Size >= options.MultipartThreshold && options.Connections > 1)
        {
            var metadata = await hub.GetFileMetadataAsync(layout.Repo, layout.Type, layout.Commit, file.Path, ct);
            return (metadata.DownloadUrl, metadata.SendToken ? hub.Options.Token : null);
        }

        return (hub.ResolveUrl(layout.Repo, layout.Type, layout.Commit, file.Path), hub.HasToken ? hub.Options.Token : null);
    }

    private async Task AcquireSlotAsync(IDownloadObserver? observer, string path, CancellationToken ct)
    {
        var waiting = false;
        while (true)
        {
            Task released;
            int limit;
            lock (_slotGate)
            {
                // Read at every attempt: a maxActive changed in the settings applies to the next fill that starts.
                limit = Math.Clamp(_engine.Settings.MaxActive, 1, RepoDownloadOptions.MaxMaxActive);
                if (_running < limit)
                {
                    _running++;
                    break;
                }

                released = _slotReleased.Task;
            }

            if (!waiting)
            {
                waiting = true;
                observer?.Activity(path, $"waiting for a free slot ({limit} LAN pulls at once: maxActive)");
            }

            await released.WaitAsync(SlotRecheck, _time, ct).ContinueWith(
                static t => t.Exception is null && !t.IsCanceled, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            ct.ThrowIfCancellationRequested();
        }

        if (waiting)
        {
            observer?.Activity(path, null);
        }
    }

    private void ReleaseSlot()
    {
        TaskCompletionSource released;
        lock (_slotGate)
        {
            _running--;
            released = _slotReleased;
            _slotReleased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
    }

    private sealed class FillProgress(HubFill fill, IProgress<TransferProgress> job) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value)
        {
            fill.Advance(value.ContiguousBytes);
            job.Report(value);
        }
    }
}
