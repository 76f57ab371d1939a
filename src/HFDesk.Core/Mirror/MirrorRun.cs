using HFDesk.Core.Storage;

namespace HFDesk.Core.Mirror;

/// <summary>
/// Executes a plan, repo by repo, in the order that keeps both caches consistent at every moment: blobs
/// first, then the snapshot entries that need them, refs last and only when everything of that repo
/// arrived, so no ref ever points at a missing file. Deletions (deleteExtra) come after every copy
/// succeeded. Cancellation stops between reads; what already arrived stays and is not copied again.
/// </summary>
internal static class MirrorRun
{
    public static async Task ExecuteAsync(MirrorPlan plan, bool verify, MirrorOperation operation, CancellationToken cancellationToken)
    {
        operation.Begin();
        try
        {
            if (plan.Repos.Count > 0)
            {
                Directory.CreateDirectory(plan.DestinationHub);
                CacheDirTag.EnsureIn(plan.DestinationHub);
            }

            foreach (var repo in plan.Repos)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await CopyRepoAsync(repo, verify, operation, cancellationToken);
            }

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

    private static async Task CopyRepoAsync(MirrorRepoPlan repo, bool verify, MirrorOperation operation, CancellationToken cancellationToken)
    {
        operation.EnterRepo(repo.Repo);
        var failedBlobs = new HashSet<string>(StringComparer.Ordinal);
        var failed = false;
        foreach (var copy in repo.BlobCopies.Concat(repo.FileCopies))
        {
            long counted = 0;
            var error = await MirrorFileCopier.CopyAsync(copy, verify, n => { counted += n; operation.AddBytes(n); }, cancellationToken);
            operation.FileDone(copy, counted, copied: error is null);
            if (error is not null)
            {
                operation.AddError(repo.Repo, copy.RepoPath, error);
                failed = true;
                if (copy.Blob is not null)
                {
                    failedBlobs.Add(copy.Blob);
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var link in repo.Links)
        {
            if (failedBlobs.Contains(link.Blob) || !File.Exists(link.BlobPath))
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
}
