using HFDesk.Core.Hub;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Cache;

/// <summary>
/// Deletes exactly one copy of a repository (api.md Cache): the HF-cache entry (with its <c>.locks</c> folder
/// and the friendly view that links into it), a friendly-view folder, or a localDir folder HFDesk wrote. Scan
/// roots are read-only, and a local folder without HFDesk's manifest is refused, so a wrong localDir can never
/// cost the user files HFDesk did not put there. Each path is built from a validated repo id, checked to stay
/// inside its root on real paths, and deleted without following any link: a link is removed, never its target.
/// </summary>
internal sealed class CacheDeleter(IRepoActivity activity)
{
    public CacheDeleteResult Delete(
        StorageRoots roots, RepoType type, string? owner, string name, CacheCopy copy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(copy);
        if (!RepoId.TryParse(owner, name, out var repo, out var error))
        {
            return Refused(CacheDeleteOutcome.Invalid, error);
        }

        if (activity.IsActive(type, repo))
        {
            return Refused(CacheDeleteOutcome.Active, $"{repo} has an active download; cancel it before deleting");
        }

        var folderName = HfCacheLayout.RepoFolderName(type, repo);
        var friendly = Path.Combine(roots.FriendlyRoot(type), repo.Owner, repo.Name);
        List<(string Root, string Path)> candidates;
        switch (copy.Source)
        {
            case CacheSource.HfCache:
                var entry = Path.Combine(roots.HubDir, folderName);
                if (copy.Path is { } hubPath && !SamePath(hubPath, entry))
                {
                    return Refused(CacheDeleteOutcome.Invalid, $"{hubPath} is not the HF cache copy of {repo} ({entry})");
                }

                // The friendly view only links into this entry: left behind, it would be a folder of dangling links.
                candidates = [(roots.HubDir, entry), (roots.HubDir, Path.Combine(roots.HubDir, ".locks", folderName)), (roots.CacheDir, friendly)];
                break;
            case CacheSource.FriendlyView:
                if (copy.Path is { } friendlyPath && !SamePath(friendlyPath, friendly))
                {
                    return Refused(CacheDeleteOutcome.Invalid, $"{friendlyPath} is not the friendly view of {repo} ({friendly})");
                }

                candidates = [(roots.CacheDir, friendly)];
                break;
            default:
                if (LocalCopy(roots, repo, type, copy.Path) is { } refusal)
                {
                    return refusal;
                }

                candidates = [(roots.LocalDir!, Path.Combine(roots.LocalDir!, repo.Owner, repo.Name))];
                break;
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
            ? new CacheDeleteResult(CacheDeleteOutcome.NotFound, $"{repo} is not in the cache ({copy.Source.Text()})", [], 0, warnings)
            : new CacheDeleteResult(CacheDeleteOutcome.Deleted, $"Deleted {repo} ({copy.Source.Text()})", deleted, freed, warnings);
    }

    /// <summary>
    /// Null when <c>localDir/owner/name</c> may be deleted; else why not. A path under a scan root is read-only
    /// (unless it is localDir's own folder: localDir listed as a scan root too is still HFDesk's), and only a
    /// folder holding HFDesk's manifest of the same type is HFDesk's to delete.
    /// </summary>
    private static CacheDeleteResult? LocalCopy(StorageRoots roots, RepoId repo, RepoType type, string? requested)
    {
        var local = roots.LocalDir is { } localDir ? Path.Combine(localDir, repo.Owner, repo.Name) : null;
        if (requested is not null && !Path.IsPathFullyQualified(requested))
        {
            return Refused(CacheDeleteOutcome.Invalid, $"path '{requested}' must be the absolute path of the entry");
        }

        var target = requested ?? local;
        if (local is null || target is null || !SamePath(target, local))
        {
            var probe = target ?? "";
            var scanCopy = roots.LocalScanDirs
                .Select(root => Path.Combine(root, repo.Owner, repo.Name))
                .FirstOrDefault(folder => requested is null ? Directory.Exists(folder) : SamePath(probe, folder));
            if (scanCopy is not null || roots.LocalScanDirs.Any(root => requested is not null && IsUnder(probe, root)))
            {
                return Refused(CacheDeleteOutcome.ReadOnly, $"{scanCopy ?? probe} is in a read-only scan folder (localScanDirs); HFDesk never deletes there");
            }

            return requested is null
                ? Refused(CacheDeleteOutcome.NotFound, $"{repo} has no local copy (no localDir is set)")
                : Refused(CacheDeleteOutcome.Invalid, $"{requested} is not a local copy of {repo}");
        }

        if (!Exists(local))
        {
            return Refused(CacheDeleteOutcome.NotFound, $"{repo} is not in {roots.LocalDir}");
        }

        var manifest = DownloadManifestReader.TryRead(local, []);
        if (manifest is null)
        {
            return Refused(CacheDeleteOutcome.NotOurs, $"{local} was not written by HFDesk (it has no {DownloadManifest.FileName}); delete it yourself if you mean to");
        }

        return manifest.Type == type ? null : Refused(CacheDeleteOutcome.NotFound, $"{local} holds a {manifest.Type.ToString().ToLowerInvariant()}, not a {type.ToString().ToLowerInvariant()}");
    }

    private static CacheDeleteResult Refused(CacheDeleteOutcome outcome, string message) => new(outcome, message, [], 0, []);

    private static bool SamePath(string a, string b) =>
        Normalize(a) is { } x && Normalize(b) is { } y && string.Equals(x, y, StorageRootContainment.PathComparison);

    private static bool IsUnder(string path, string root) =>
        Normalize(path) is { } p && Normalize(root) is { } r && StorageRootContainment.IsLexicallyInside(p, r);

    private static string? Normalize(string path)
    {
        try
        {
            return Path.IsPathFullyQualified(path) && !path.Contains('\0', StringComparison.Ordinal)
                ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))
                : null;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
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
