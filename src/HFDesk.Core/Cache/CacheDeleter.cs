using HFDesk.Core.Hub;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Cache;

/// <summary>
/// Deletes one repository from every place HFDesk manages: the hub cache entry (and its <c>.locks</c>
/// folder), the friendly view and the localDir folder. The read-only scan roots are never touched. Each
/// path is built from a validated repo id, checked to stay inside its root on real paths, and deleted
/// without following any link: a link is removed, never what it points to.
/// </summary>
public sealed class CacheDeleter(IRepoActivity activity)
{
    public CacheDeleteResult Delete(StorageRoots roots, RepoType type, string owner, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (!RepoId.TryParse($"{owner}/{name}", out var repo, out var error))
        {
            return new CacheDeleteResult(CacheDeleteOutcome.Invalid, error, [], 0, []);
        }

        if (activity.IsActive(type, repo))
        {
            return new CacheDeleteResult(
                CacheDeleteOutcome.Active,
                $"{repo} has an active download; cancel it before deleting",
                [],
                0,
                []);
        }

        var folderName = $"{type.ApiSegment()}--{repo.Owner}--{repo.Name}";
        var candidates = new List<(string Root, string Path)>
        {
            (roots.HubDir, Path.Combine(roots.HubDir, folderName)),
            (roots.HubDir, Path.Combine(roots.HubDir, ".locks", folderName)),
            (roots.CacheDir, Path.Combine(roots.FriendlyRoot(type), repo.Owner, repo.Name)),
        };
        if (roots.LocalDir is not null)
        {
            var localFolder = Path.Combine(roots.LocalDir, repo.Owner, repo.Name);
            if (LocalFolderHoldsType(localFolder, type))
            {
                candidates.Add((roots.LocalDir, localFolder));
            }
        }

        var deleted = new List<string>();
        var warnings = new List<string>();
        long freed = 0;
        foreach (var (root, path) in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Exists(path))
            {
                continue;
            }

            // The folder itself may be a link (removing it is safe), but the folders leading to it must
            // really be inside the root, or deleting would act on somewhere else.
            var parent = Path.GetDirectoryName(path)!;
            if (!StorageRootContainment.IsInside(parent, root))
            {
                warnings.Add($"{path}: skipped, it lies outside {root} through a link");
                continue;
            }

            freed += DeleteWithoutFollowingLinks(path);
            deleted.Add(path);
            RemoveIfEmpty(parent, root);
        }

        return deleted.Count == 0
            ? new CacheDeleteResult(CacheDeleteOutcome.NotFound, $"{repo} is not in the cache", [], 0, warnings)
            : new CacheDeleteResult(CacheDeleteOutcome.Deleted, $"Deleted {repo}", deleted, freed, warnings);
    }

    /// <summary>
    /// localDir folders are <c>owner/name</c> for models and datasets alike; only the manifest tells them
    /// apart, and a folder without one is taken as a model (LM Studio holds models).
    /// </summary>
    private static bool LocalFolderHoldsType(string folder, RepoType type)
    {
        var manifest = DownloadManifestReader.TryRead(folder, []);
        return (manifest?.Type ?? RepoType.Model) == type;
    }

    private static bool Exists(string path) =>
        Directory.Exists(path) || File.Exists(path) || new FileInfo(path).LinkTarget is not null;

    internal static long DeleteWithoutFollowingLinks(string path)
    {
        var info = new DirectoryInfo(path);
        if (info.LinkTarget is not null)
        {
            DeleteLink(path);
            return 0;
        }

        if (!info.Exists)
        {
            var file = new FileInfo(path);
            var length = file.Exists ? file.Length : 0;
            File.Delete(path);
            return length;
        }

        long freed = 0;
        foreach (var entry in info.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false }))
        {
            if (entry.LinkTarget is not null)
            {
                DeleteLink(entry.FullName);
            }
            else if (entry is DirectoryInfo)
            {
                freed += DeleteWithoutFollowingLinks(entry.FullName);
            }
            else
            {
                freed += ((FileInfo)entry).Length;
                // A read-only file (Windows attribute) would make Delete throw.
                entry.Attributes &= ~FileAttributes.ReadOnly;
                entry.Delete();
            }
        }

        info.Delete(recursive: false);
        return freed;
    }

    private static void DeleteLink(string path)
    {
        // A directory link (symlink or junction) is removed with Directory.Delete, non-recursively, which
        // removes the link itself; File.Delete refuses directory links on Windows.
        var dir = new DirectoryInfo(path);
        if (dir.Exists)
        {
            dir.Delete(recursive: false);
        }
        else
        {
            File.Delete(path);
        }
    }

    private static void RemoveIfEmpty(string folder, string root)
    {
        try
        {
            if (!string.Equals(Path.TrimEndingDirectorySeparator(folder), Path.TrimEndingDirectorySeparator(root), StorageRootContainment.PathComparison)
                && Directory.Exists(folder)
                && !Directory.EnumerateFileSystemEntries(folder).Any()
                && Path.GetFileName(folder) != ".locks")
            {
                Directory.Delete(folder);
            }
        }
        catch (IOException)
        {
            // Someone wrote into the owner folder meanwhile: keeping it is right.
        }
    }
}
