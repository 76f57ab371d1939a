using System.IO.Enumeration;
using HFDesk.Core.Hub;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Cache;

/// <summary>
/// Recreates the friendly view <c>R/models/o/n</c> from the hub cache H: every repo's current snapshot
/// (the one its main ref, or its newest snapshot, names) is linked again with the storage writer's
/// <see cref="FriendlyView"/>. Manifests are kept where they exist; none is invented for a repo another
/// tool downloaded, since nothing on disk says whether it was complete, so it stays <c>unknown</c>.
/// With <c>clean</c>, friendly-view folders without a hub entry and dangling links in the view are removed.
/// </summary>
internal sealed class CacheRebuilder(IRepoActivity activity)
{
    public async Task<CacheRebuildResult> RebuildAsync(StorageRoots roots, bool clean, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var scan = CacheScanner.Scan(roots, cancellationToken);
        var warnings = new List<string>();
        var removed = new List<string>();
        var repos = 0;
        var linked = 0;

        foreach (var repo in scan.Repos.Where(r => r.Source == CacheSource.HfCache && r.Commit is not null))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!RepoId.TryParse(repo.Repo, out var id))
            {
                continue;
            }

            var view = new FriendlyView(roots.CacheDir, repo.Type, id, LinkMode.Auto);
            var snapshotDir = Path.Combine(repo.Path, "snapshots", repo.Commit!);
            foreach (var file in repo.Files)
            {
                try
                {
                    await view.LinkAsync(file.Path, Path.Combine(snapshotDir, file.Path.Replace('/', Path.DirectorySeparatorChar)), cancellationToken);
                    linked++;
                }
                catch (Exception ex) when (ex is UnsafePathException or IOException or UnauthorizedAccessException)
                {
                    warnings.Add($"{repo.Repo}: {file.Path}: {ex.Message}");
                }
            }

            repos++;
            if (clean)
            {
                removed.AddRange(RemoveDanglingLinks(view.Directory));
            }
        }

        if (clean)
        {
            foreach (var orphan in scan.Repos.Where(r => r.Source == CacheSource.FriendlyView))
            {
                // A job may be about to finish into this folder; its hub entry is simply not written yet.
                if (RepoId.TryParse(orphan.Repo, out var id) && activity.IsActive(orphan.Type, id))
                {
                    continue;
                }

                if (!StorageRootContainment.IsInside(Path.GetDirectoryName(orphan.Path)!, roots.CacheDir))
                {
                    warnings.Add($"{orphan.Path}: skipped, it lies outside {roots.CacheDir} through a link");
                    continue;
                }

                CacheDeleter.DeleteWithoutFollowingLinks(orphan.Path);
                removed.Add(orphan.Path);
            }
        }

        return new CacheRebuildResult(repos, linked, removed, warnings);
    }

    private static List<string> RemoveDanglingLinks(string folder)
    {
        var removed = new List<string>();
        if (!Directory.Exists(folder))
        {
            return removed;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        var links = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry e) => e.ToFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) != 0,
            // Directory.EnumerateFiles would walk into a directory link and delete dangling links wherever it leads.
            ShouldRecursePredicate = (ref FileSystemEntry e) => (e.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        foreach (var path in links.ToList())
        {
            if (IsDangling(path))
            {
                File.Delete(path);
                removed.Add(path);
            }
        }

        return removed;
    }

    private static bool IsDangling(string link)
    {
        try
        {
            // File.Exists is true for a dangling link (it falls back to lstat): ask about the final target.
            var target = new FileInfo(link).ResolveLinkTarget(returnFinalTarget: true);
            return target is null || (!File.Exists(target.FullName) && !Directory.Exists(target.FullName));
        }
        catch (IOException)
        {
            // A link cycle resolves to nothing usable either.
            return true;
        }
    }
}
