using HFDesk.Core.Downloads;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Mirror;

/// <summary>
/// Executes a plan in the order that keeps both caches consistent at every moment: per repo, blobs first,
/// then the snapshot entries that need them, refs last and only when everything of that repo arrived, so no
/// ref ever points at a missing file. Deletions (deleteExtra) come after every copy succeeded. Cancellation
/// stops between reads; what already arrived stays and is not copied again.
/// </summary>
/// <remarks>
/// Up to <see cref="Parallelism"/> files are copied at once, across repos: while one file waits for its hash (or,
/// with <see cref="MirrorCopyOptions.Fsync"/>, for the disk before its rename) the others keep the disks busy. A repo's links and refs are written by whichever copy of that
/// repo finishes last.
/// </remarks>
internal static class MirrorRun
{
    /// <summary>
    /// Files in flight at once: enough to overlap flushes and hashing (a file waiting for its fsync holds a thread,
    /// not a core, so even 2 cores want 4), few enough for a spinning NAS disk.
    /// </summary>
    public const int Parallelism = 4;

    // A temp of ours in the local cache that has not been written to for this long belongs to a run that died;
    // younger ones may be another pull's (from another target) still in flight.
    private static readonly TimeSpan StaleTempAge = TimeSpan.FromMinutes(10);

    public static Task ExecuteAsync(MirrorPlan plan, MirrorCopyOptions copy, MirrorOperation operation, CancellationToken cancellationToken) =>
        ExecuteAsync(plan, copy, operation, bandwidth: null, cancellationToken);

    public static async Task ExecuteAsync(MirrorPlan plan, MirrorCopyOptions copy, MirrorOperation operation, BandwidthLimiter? bandwidth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(operation);
        operation.Begin();
        try
        {
            if (plan.Repos.Count > 0)
            {
                Directory.CreateDirectory(plan.DestinationHub);
                CacheDirTag.EnsureIn(plan.DestinationHub);
            }

            await CopyReposAsync(plan, copy, operation, bandwidth, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (operation.ErrorCount == 0)
            {
                foreach (var deletion in plan.Deletions)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Delete(deletion, plan.DestinationHub, operation);
                }
            }

            operation.Finish(operation.ErrorCount == 0 ? MirrorOperationStatus.Completed : MirrorOperationStatus.Failed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            operation.Finish(MirrorOperationStatus.Cancelled);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or UnsafePathException)
        {
            operation.AddError(operation.Snapshot().Progress.Repo ?? "", null, ex.Message);
            operation.Finish(MirrorOperationStatus.Failed);
        }
    }

    private static async Task CopyReposAsync(MirrorPlan plan, MirrorCopyOptions copy, MirrorOperation operation, BandwidthLimiter? bandwidth, CancellationToken cancellationToken)
    {
        // Push writes under the target's lock, so every temp of ours there is a dead run's; the local cache may
        // have another pull writing, so only old temps go there.
        var staleBefore = plan.Direction == MirrorDirection.Push ? (DateTime?)null : operation.StartedAt.UtcDateTime - StaleTempAge;
        var repos = new List<RepoRun>(plan.Repos.Count);
        foreach (var repo in plan.Repos)
        {
            RemoveLeftoverTemps(repo.DestinationDir, staleBefore);
            var run = new RepoRun(repo);
            if (run.Remaining == 0)
            {
                // Only links or refs to write: the blobs are already there.
                operation.EnterRepo(repo.Repo);
                Publish(run, operation);
            }
            else
            {
                repos.Add(run);
            }
        }

        var work = repos.SelectMany(r => r.Plan.BlobCopies.Concat(r.Plan.FileCopies).Select(copy => (Run: r, Copy: copy)));
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(work, options, async (item, token) =>
        {
            operation.EnterRepo(item.Run.Plan.Repo);
            long counted = 0;
            var error = await MirrorFileCopier.CopyAsync(
                item.Copy, copy, bandwidth, n => { counted += n; operation.AddBytes(n); }, token);
            operation.FileDone(item.Copy, counted, copied: error is null);
            if (error is not null)
            {
                operation.AddError(item.Run.Plan.Repo, item.Copy.RepoPath, error);
            }

            // A cancelled copy throws before it counts, so a repo whose last file finished has every file dealt with.
            if (item.Run.FileFinished(item.Copy, error is null))
            {
                Publish(item.Run, operation);
            }
        });
    }

    /// <summary>Links, then refs, once every file of the repo was dealt with.</summary>
    private static void Publish(RepoRun run, MirrorOperation operation)
    {
        var repo = run.Plan;
        var failed = run.Failed;
        foreach (var link in repo.Links)
        {
            if (run.FailedBlobs.Contains(link.Blob) || !File.Exists(link.BlobPath))
            {
                failed = true;
                continue;
            }

            try
            {
                // Relative, from the link's own folder, as both Hugging Face clients write it.
                var relative = Path.GetRelativePath(Path.GetDirectoryName(link.LinkPath)!, link.BlobPath);
                if (new FileInfo(link.LinkPath).LinkTarget != relative)
                {
                    AtomicFile.ReplaceWithSymlink(link.LinkPath, relative);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                operation.AddError(repo.Repo, link.RepoPath, ex.Message);
                failed = true;
            }
        }

        // JS scanCacheDir warns about a repo folder without refs/, so it exists even with nothing to write.
        var refsDir = Path.Combine(repo.DestinationDir, "refs");
        Directory.CreateDirectory(refsDir);
        if (failed)
        {
            return;
        }

        foreach (var (name, commit) in repo.RefWrites)
        {
            // Exactly 40 hex, no newline; the temp file goes in the repo folder so refs/ never holds a stray one.
            AtomicFile.WriteAllBytes(PathConfinement.Resolve(refsDir, name), System.Text.Encoding.ASCII.GetBytes(commit), repo.DestinationDir);
        }
    }

    /// <summary>Temps a killed run left in this repo's folder (they are never entries; this only frees their space).</summary>
    private static void RemoveLeftoverTemps(string repoDir, DateTime? staleBefore)
    {
        if (!Directory.Exists(repoDir))
        {
            return;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint, MaxRecursionDepth = 64 };
        foreach (var temp in new DirectoryInfo(repoDir).EnumerateFiles("*" + MirrorFileCopier.TempSuffix, options))
        {
            if (staleBefore is { } before && temp.LastWriteTimeUtc > before)
            {
                continue;
            }

            try
            {
                temp.Delete();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Still harmless where it is: every reader skips our temp names.
            }
        }
    }

    private static void Delete(MirrorDeletion deletion, string destinationHub, MirrorOperation operation)
    {
        operation.EnterRepo(deletion.Repo);
        try
        {
            var parent = Path.GetDirectoryName(Path.GetFullPath(deletion.Directory));
            if (!string.Equals(parent, Path.GetFullPath(destinationHub), StorageRootContainment.PathComparison))
            {
                throw new UnsafePathException(deletion.Directory, "a repo folder to delete must lie directly in the destination cache");
            }

            // Directory.Delete removes links themselves, never what they point at.
            Directory.Delete(deletion.Directory, recursive: true);
            operation.RepoDeleted();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or UnsafePathException)
        {
            operation.AddError(deletion.Repo, null, ex.Message);
        }
    }

    /// <summary>One repo's files in flight: counts them down so the last one to finish publishes links and refs.</summary>
    private sealed class RepoRun(MirrorRepoPlan plan)
    {
        private readonly Lock _lock = new();
        private int _remaining = plan.Files;

        public MirrorRepoPlan Plan { get; } = plan;

        public int Remaining => _remaining;

        public HashSet<string> FailedBlobs { get; } = new(StringComparer.Ordinal);

        public bool Failed { get; private set; }

        /// <returns>True for the repo's last file.</returns>
        public bool FileFinished(MirrorCopy copy, bool copied)
        {
            lock (_lock)
            {
                if (!copied)
                {
                    Failed = true;
                    if (copy.Blob is not null)
                    {
                        FailedBlobs.Add(copy.Blob);
                    }
                }

                return --_remaining == 0;
            }
        }
    }
}
