using System.Collections.Concurrent;
using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Storage;

namespace HFDesk.Core.HubServing;

/// <summary>
/// Pull-through fills: a file not in H is fetched with HFDesk's own engine (verified, resumable, under the global
/// bandwidth cap, at most <c>maxActive</c> at once) into H, and every client asking for the same blob meanwhile
/// shares that one upstream download.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2213", Justification = "The semaphore never allocates a wait handle (WaitAsync only) and the token source is cancelled, not disposed, so unwinding fills can still use them.")]
internal sealed class HubFillCoordinator : IDisposable
{
    private readonly DownloadEngine _engine;
    private readonly Func<StorageRoots> _roots;
    private readonly HubCacheIndex _index;
    private readonly HubEndpointStats _stats;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, HubFill> _active = new(StringComparer.Ordinal);
    private readonly Lock _startGate = new();
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _shutdown = new();

    internal HubFillCoordinator(DownloadEngine engine, Func<StorageRoots> roots, HubCacheIndex index, HubEndpointStats stats, TimeProvider time)
    {
        _engine = engine;
        _roots = roots;
        _index = index;
        _stats = stats;
        _time = time;
        // maxActive as it is at start: fills are short-lived, a changed value applies after a restart.
        _slots = new SemaphoreSlim(Math.Clamp(engine.Settings.MaxActive, 1, 32));
    }

    public IReadOnlyList<HubFill> Active => [.. _active.Values];

    /// <summary>The running fill of this blob, or a new one.</summary>
    public HubFill Start(RepoType type, RepoId id, string commit, ServedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var layout = new HfCacheLayout(_roots().HubDir, type, id, commit);
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
            _ = RunAsync(key, fill, layout, repoFile);
            return fill;
        }
    }

    public void Dispose()
    {
        // Only cancelled, never disposed: fills still unwinding use the token and release their slot.
        _shutdown.Cancel();
    }

    private async Task RunAsync(string key, HubFill fill, HfCacheLayout layout, RepoFile file)
    {
        var ct = _shutdown.Token;
        var acquired = false;
        try
        {
            await _slots.WaitAsync(ct);
            acquired = true;
            // The same engine as jobs: Hub client, settings and the process's one bandwidth bucket.
            var hub = _engine.CreateHub();
            var current = _engine.Settings;
            var paths = layout.PathsFor(file);
            var request = new TransferRequest(
                hub.ResolveUrl(layout.Repo, layout.Type, layout.Commit, file.Path),
                hub.HasToken ? hub.Options.Token : null,
                file.Size,
                file.LfsSha256,
                file.BlobName,
                layout.Commit,
                paths.TempPath,
                paths.JournalPath)
            {
                RepoUrl = hub.RepoPageUrl(layout.Repo, layout.Type).AbsoluteUri,
                Context = new HubCallContext(layout.Repo, layout.Type, layout.Commit, file.Path),
            };

            // One stream, so the partial grows as a prefix the waiting clients can read while it fills.
            var options = TransferOptions.From(current) with
            {
                Connections = 1,
                MultipartThreshold = long.MaxValue,
                ProgressInterval = TimeSpan.FromMilliseconds(20),
            };
            try
            {
                await new RangeDownloader(hub.BytesClient, _engine.Bandwidth, _time).DownloadAsync(request, options, new FillProgress(fill), ct);
            }
            catch (TransferGaveUpException gaveUp)
            {
                throw TransferFailureWording.Explain(gaveUp, request);
            }

            await layout.CommitAsync([file], ct);
            var committed = _index.Find(layout.Type, layout.Repo)?.Resolve(layout.Commit)?.Files.GetValueOrDefault(file.Path)?.PhysicalPath
                ?? layout.BlobPath(file.BlobName);
            _stats.UpstreamFill();
            fill.Complete(committed);
        }
        catch (Exception ex)
        {
            fill.Fail(ex);
        }
        finally
        {
            if (acquired)
            {
                _slots.Release();
            }

            _active.TryRemove(key, out _);
        }
    }

    private sealed class FillProgress(HubFill fill) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => fill.Advance(value.CompletedBytes, value.CompletedBytes > value.FetchedBytes);
    }
}
