using System.IO.Enumeration;
using HFDesk.Core.Hub;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Cache;

/// <summary>
/// One pass over everything HFDesk can show: the hub cache H (whoever wrote it: HFDesk, huggingface_hub,
/// @huggingface/hub), the friendly view under R, localDir and the read-only scan roots. Reads directory
/// entries and link targets only, never file contents (apart from refs and manifests), so a cache of
/// thousands of repos scans in well under a second. Never follows a directory link while walking.
/// </summary>
internal static class CacheScanner
{
    private static readonly EnumerationOptions WalkOptions = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        ReturnSpecialDirectories = false,
    };

    // Python's scan_cache_dir skips exactly these at the cache root; everything else should be a repo folder.
    private static readonly HashSet<string> IgnoredRootEntries = new(StringComparer.OrdinalIgnoreCase)
    {
        ".locks", "CACHEDIR.TAG", ".DS_Store", "Thumbs.db", "desktop.ini",
    };

    public static CacheScanResult Scan(StorageRoots roots, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var warnings = new List<string>();
        var repos = new List<CachedRepo>();
        var byKey = new Dictionary<(RepoType, string), int>();

        foreach (var repo in ScanHubDir(roots.HubDir, warnings, cancellationToken))
        {
            if (IsRemnant(repo.Snapshots.SelectMany(s => s.Files)))
            {
                continue;
            }

            byKey[(repo.Type, repo.Repo.ToUpperInvariant())] = repos.Count;
            repos.Add(repo);
        }

        var seenFolders = new HashSet<string>(StorageRootContainment.PathComparison == StringComparison.Ordinal
            ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        foreach (var type in new[] { RepoType.Model, RepoType.Dataset })
        {
            foreach (var (owner, name, folder) in OwnerNameFolders(roots.FriendlyRoot(type)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                seenFolders.Add(folder);
                var repoText = RepoText(owner, name);
                var manifest = DownloadManifestReader.TryRead(folder, warnings);
                if (byKey.TryGetValue((type, repoText.ToUpperInvariant()), out var index))
                {
                    repos[index] = WithFriendlyView(repos[index], folder, manifest);
                    continue;
                }

                // The hub entry is gone (deleted by another tool, or H moved): show what the view still holds.
                var local = ScanPlainFolder(owner, name, type, folder, CacheSource.FriendlyView, manifest, warnings);
                if (local is not null)
                {
                    repos.Add(local with { FriendlyPath = folder });
                }
            }
        }

        var localRoots = new List<string>();
        if (roots.LocalDir is not null)
        {
            localRoots.Add(roots.LocalDir);
        }

        localRoots.AddRange(roots.LocalScanDirs);
        foreach (var root in localRoots)
        {
            foreach (var (owner, name, folder) in OwnerNameFolders(root))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!seenFolders.Add(folder))
                {
                    continue;
                }

                var manifest = DownloadManifestReader.TryRead(folder, warnings);
                var type = manifest?.Type ?? RepoType.Model;
                var local = ScanPlainFolder(owner, name, type, folder, CacheSource.Local, manifest, warnings);
                if (local is not null)
                {
                    repos.Add(local);
                }
            }
        }

        repos.Sort((a, b) =>
        {
            var c = string.Compare(a.Repo, b.Repo, StringComparison.OrdinalIgnoreCase);
            if (c == 0)
            {
                c = a.Type.CompareTo(b.Type);
            }

            return c != 0 ? c : a.Source.CompareTo(b.Source);
        });
        warnings.AddRange(repos.SelectMany(r => r.Warnings));
        return new CacheScanResult(repos, warnings);
    }

    /// <summary>
    /// What a failed first download leaves behind (an empty <c>blobs/</c>, a snapshot holding only
    /// <c>.gitattributes</c>) is no model: listing it would offer a repo the user never got.
    /// </summary>
    private static bool IsRemnant(IEnumerable<CachedFile> files) =>
        files.All(f => string.Equals(f.Path, ".gitattributes", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses a hub cache folder name: <c>models--o--n</c> → (Model, "o", "n").</summary>
    internal static bool TryParseRepoFolderName(string folderName, out RepoType type, out string owner, out string name)
    {
        type = RepoType.Model;
        owner = "";
        name = "";
        var dash = folderName.IndexOf("--", StringComparison.Ordinal);
        if (dash <= 0)
        {
            return false;
        }

        switch (folderName[..dash])
        {
            case "models":
                type = RepoType.Model;
                break;
            case "datasets":
                type = RepoType.Dataset;
                break;
            default:
                return false;
        }

        // huggingface_hub turns every remaining "--" into "/"; repo ids cannot contain "--" themselves.
        var id = folderName[(dash + 2)..].Replace("--", "/", StringComparison.Ordinal);
        if (id.Length == 0)
        {
            return false;
        }

        var slash = id.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            name = id;
            return true;
        }

        owner = id[..slash];
        name = id[(slash + 1)..];
        return owner.Length > 0 && name.Length > 0 && !name.Contains('/', StringComparison.Ordinal);
    }

    private static CachedRepo[] ScanHubDir(string hubDir, List<string> warnings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(hubDir))
        {
            return [];
        }

        var folders = new List<(string Path, RepoType Type, string Owner, string Name)>();
        foreach (var entry in ListEntries(hubDir))
        {
            if (IgnoredRootEntries.Contains(entry.Name))
            {
                continue;
            }

            if (!entry.IsDirectory || entry.IsLink)
            {
                warnings.Add($"{entry.FullPath}: not a repo folder");
                continue;
            }

            if (!TryParseRepoFolderName(entry.Name, out var type, out var owner, out var name))
            {
                // spaces--, kernels-- and strays: not ours to show, but worth a note like Python's scanner gives.
                if (!entry.Name.StartsWith("spaces--", StringComparison.Ordinal))
                {
                    warnings.Add($"{entry.FullPath}: not a models--/datasets-- repo folder");
                }

                continue;
            }

            folders.Add((entry.FullPath, type, owner, name));
        }

        // Repos are independent and the work is syscalls (readdir, readlink, stat): spread it over the cores.
        var repos = new CachedRepo[folders.Count];
        Parallel.For(
            0,
            folders.Count,
            new ParallelOptions { CancellationToken = cancellationToken },
            i => repos[i] = ScanHubRepo(folders[i].Path, folders[i].Type, folders[i].Owner, folders[i].Name));
        return repos;
    }

    private static CachedRepo ScanHubRepo(string folder, RepoType type, string owner, string name)
    {
        var warnings = new List<string>();
        var blobsDir = Path.Combine(folder, "blobs");
        var blobs = new Dictionary<string, long>(StringComparer.Ordinal);
        var incomplete = 0;
        if (Directory.Exists(blobsDir))
        {
            foreach (var blob in ListEntries(blobsDir))
            {
                if (blob.IsDirectory)
                {
                    continue;
                }

                if (blob.Name.EndsWith(".incomplete", StringComparison.Ordinal))
                {
                    incomplete++;
                    continue;
                }

                blobs[blob.Name] = blob.Length;
            }
        }

        var refs = ReadRefs(Path.Combine(folder, "refs"), warnings);
        var snapshotsDir = Path.Combine(folder, "snapshots");
        var snapshots = new List<CachedSnapshot>();
        var counted = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!Directory.Exists(snapshotsDir))
        {
            warnings.Add($"{folder}: no snapshots folder");
        }
        else
        {
            foreach (var snapshotEntry in ListEntries(snapshotsDir))
            {
                if (!snapshotEntry.IsDirectory || snapshotEntry.IsLink)
                {
                    if (snapshotEntry.Name != ".DS_Store")
                    {
                        warnings.Add($"{snapshotEntry.FullPath}: a file directly in snapshots/");
                    }

                    continue;
                }

                snapshots.Add(ScanSnapshot(snapshotEntry, blobsDir, blobs, refs, counted, warnings));
            }
        }

        foreach (var (refName, commit) in refs)
        {
            if (!snapshots.Any(s => s.Commit == commit))
            {
                warnings.Add($"{folder}: ref {refName} points to {commit}, which has no snapshot");
            }
        }

        var (branch, current) = PickCurrent(refs, snapshots);
        return new CachedRepo
        {
            Repo = RepoText(owner, name),
            Owner = owner,
            Name = name,
            Type = type,
            Source = CacheSource.HfCache,
            Path = folder,
            Size = counted.Values.Sum(),
            FileCount = counted.Count,
            Branch = branch,
            Commit = current?.Commit,
            Downloaded = current?.LastModified,
            DownloadStatus = CacheDownloadStatus.Unknown,
            Quantizations = GgufQuantizationNames.FindAll(snapshots.SelectMany(s => s.Files).Select(f => f.Path)),
            Snapshots = snapshots,
            Files = current?.Files ?? [],
            IncompleteFiles = incomplete,
            Warnings = warnings,
        };
    }

    private static CachedSnapshot ScanSnapshot(
        Entry snapshotEntry,
        string blobsDir,
        Dictionary<string, long> blobs,
        Dictionary<string, string> refs,
        Dictionary<string, long> counted,
        List<string> warnings)
    {
        var files = new List<CachedFile>();
        long size = 0;
        foreach (var file in WalkFiles(snapshotEntry.FullPath))
        {
            if (!file.IsLink)
            {
                // Copy mode (Windows without symlink privilege): the file is its own blob.
                files.Add(new CachedFile(file.RelativePath, file.Length, null));
                counted[file.FullPath] = file.Length;
                size += file.Length;
                continue;
            }

            var target = new FileInfo(file.FullPath).LinkTarget;
            if (target is null)
            {
                continue;
            }

            var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file.FullPath)!, target));
            var blobName = Path.GetFileName(resolved);
            if (string.Equals(Path.GetDirectoryName(resolved), blobsDir, StorageRootContainment.PathComparison)
                && blobs.TryGetValue(blobName, out var blobSize))
            {
                files.Add(new CachedFile(file.RelativePath, blobSize, blobName));
                counted[blobName] = blobSize;
                size += blobSize;
                continue;
            }

            var info = new FileInfo(resolved);
            if (info.Exists)
            {
                files.Add(new CachedFile(file.RelativePath, info.Length, null));
                counted[resolved] = info.Length;
                size += info.Length;
            }
            else
            {
                warnings.Add($"{file.FullPath}: blob missing ({target})");
            }
        }

        var commit = snapshotEntry.Name;
        return new CachedSnapshot(
            commit,
            refs.Where(r => r.Value == commit).Select(r => r.Key).Order(StringComparer.Ordinal).ToList(),
            size,
            snapshotEntry.LastWriteTime,
            files);
    }

    private static Dictionary<string, string> ReadRefs(string refsDir, List<string> warnings)
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(refsDir))
        {
            // @huggingface/hub writes no refs/ for commit downloads; the repo is still usable by commit.
            return refs;
        }

        foreach (var file in WalkFiles(refsDir))
        {
            string content;
            try
            {
                content = File.ReadAllText(file.FullPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                warnings.Add($"{file.FullPath}: unreadable ref ({ex.Message})");
                continue;
            }

            // Both HF scanners use the raw content: a trailing newline breaks them, so it is worth a warning.
            if (content.Length != 40 || !content.All(char.IsAsciiHexDigitLower))
            {
                warnings.Add($"{file.FullPath}: ref is not exactly 40 lowercase hex characters");
                content = content.Trim();
                if (content.Length != 40 || !content.All(char.IsAsciiHexDigitLower))
                {
                    continue;
                }
            }

            refs[file.RelativePath] = content;
        }

        return refs;
    }

    private static (string? Branch, CachedSnapshot? Snapshot) PickCurrent(Dictionary<string, string> refs, List<CachedSnapshot> snapshots)
    {
        foreach (var refName in refs.Keys.OrderBy(r => r == "main" ? 0 : r.StartsWith("refs/", StringComparison.Ordinal) ? 2 : 1)
                     .ThenBy(r => r, StringComparer.Ordinal))
        {
            var snapshot = snapshots.FirstOrDefault(s => s.Commit == refs[refName]);
            if (snapshot is not null)
            {
                return (refName, snapshot);
            }
        }

        return (null, snapshots.OrderByDescending(s => s.LastModified).FirstOrDefault());
    }

    private static CachedRepo WithFriendlyView(CachedRepo repo, string folder, DownloadManifest? manifest)
    {
        if (manifest is null || manifest.Type != repo.Type || !string.Equals(manifest.Repo, repo.Repo, StringComparison.OrdinalIgnoreCase))
        {
            return repo with { FriendlyPath = folder };
        }

        return repo with
        {
            FriendlyPath = folder,
            Manifest = manifest,
            DownloadStatus = manifest.Complete ? CacheDownloadStatus.Complete : CacheDownloadStatus.Filtered,
            Downloaded = manifest.UpdatedAt != default ? manifest.UpdatedAt : repo.Downloaded,
            Branch = repo.Branch ?? manifest.Revision,
        };
    }

    private static CachedRepo? ScanPlainFolder(
        string owner, string name, RepoType type, string folder, CacheSource source, DownloadManifest? manifest, List<string> warnings)
    {
        var files = new List<CachedFile>();
        long size = 0;
        var newest = DateTimeOffset.MinValue;
        foreach (var file in WalkFiles(folder, skipHidden: true, withTimes: true))
        {
            long length;
            DateTimeOffset modified;
            if (file.IsLink)
            {
                var info = new FileInfo(file.FullPath);
                if (!info.Exists)
                {
                    warnings.Add($"{file.FullPath}: link target missing");
                    continue;
                }

                length = info.Length;
                modified = info.LastWriteTimeUtc;
            }
            else
            {
                length = file.Length;
                modified = file.LastWriteTime;
            }

            files.Add(new CachedFile(file.RelativePath, length, null));
            size += length;
            if (modified > newest)
            {
                newest = modified;
            }
        }

        if (IsRemnant(files))
        {
            return null;
        }

        var ownManifest = manifest is not null && string.Equals(manifest.Repo, RepoText(owner, name), StringComparison.OrdinalIgnoreCase)
            ? manifest
            : null;
        return new CachedRepo
        {
            Repo = RepoText(owner, name),
            Owner = owner,
            Name = name,
            Type = type,
            Source = source,
            Path = folder,
            Size = size,
            FileCount = files.Count,
            Branch = ownManifest?.Revision,
            Commit = ownManifest?.Commit,
            Downloaded = ownManifest is { UpdatedAt: var updated } && updated != default ? updated : newest,
            DownloadStatus = ownManifest is null ? CacheDownloadStatus.Unknown
                : ownManifest.Complete ? CacheDownloadStatus.Complete : CacheDownloadStatus.Filtered,
            Manifest = ownManifest,
            Quantizations = GgufQuantizationNames.FindAll(files.Select(f => f.Path)),
            Files = files,
        };
    }

    private static string RepoText(string owner, string name) => owner.Length == 0 ? name : $"{owner}/{name}";

    /// <summary>
    /// <c>root/owner/name</c> folders, skipping hidden names and links (a link could lead anywhere), and
    /// <c>root/name</c> for a repo without an owner. Only HFDesk's own manifest naming that repo marks such a
    /// folder: guessing from loose files would let a stray file turn an owner folder, with all its repos, into
    /// one repo that a clean rebuild or a delete then removes whole.
    /// </summary>
    private static IEnumerable<(string Owner, string Name, string Folder)> OwnerNameFolders(string root)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (var owner in ListEntries(root))
        {
            if (!owner.IsDirectory || owner.IsLink || owner.Name.StartsWith('.'))
            {
                continue;
            }

            if (DownloadManifestReader.TryRead(owner.FullPath, []) is { } manifest
                && string.Equals(manifest.Repo, owner.Name, StringComparison.OrdinalIgnoreCase))
            {
                yield return ("", owner.Name, owner.FullPath);
                continue;
            }

            foreach (var name in ListEntries(owner.FullPath))
            {
                if (name.IsDirectory && !name.IsLink && !name.Name.StartsWith('.'))
                {
                    yield return (owner.Name, name.Name, name.FullPath);
                }
            }
        }
    }

    private static List<Entry> ListEntries(string dir)
    {
        var enumerable = new FileSystemEnumerable<Entry>(dir, ToEntry, WalkOptions);
        return [.. enumerable];
    }

    private static Entry ToEntry(ref FileSystemEntry e)
    {
        var isLink = (e.Attributes & FileAttributes.ReparsePoint) != 0;
        // Length of a link would stat its target; callers that need it resolve links themselves.
        return new Entry(e.FileName.ToString(), e.ToFullPath(), e.IsDirectory, isLink, isLink || e.IsDirectory ? 0 : e.Length, e.LastWriteTimeUtc);
    }

    /// <summary>Every file below <paramref name="dir"/> (links included, not followed into), with its '/'-separated relative path.</summary>
    private static FileSystemEnumerable<WalkedFile> WalkFiles(string dir, bool skipHidden = false, bool withTimes = false)
    {
        var prefix = dir.Length + 1;
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = 0,
            IgnoreInaccessible = true,
            ReturnSpecialDirectories = false,
        };
        var enumerable = new FileSystemEnumerable<WalkedFile>(
            dir,
            (ref FileSystemEntry e) =>
            {
                var full = e.ToFullPath();
                var relative = full[prefix..];
                if (Path.DirectorySeparatorChar != '/')
                {
                    relative = relative.Replace(Path.DirectorySeparatorChar, '/');
                }

                var isLink = (e.Attributes & FileAttributes.ReparsePoint) != 0;
                // Length and times cost a stat per file; snapshot walks only need them for real files.
                return new WalkedFile(relative, full, isLink, isLink ? 0 : e.Length, withTimes ? e.LastWriteTimeUtc : default);
            },
            options)
        {
            // A directory link is neither walked into (it may lead out of the root) nor reported.
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && !(skipHidden && e.FileName.StartsWith('.')),
            ShouldRecursePredicate = (ref FileSystemEntry e) =>
                (e.Attributes & FileAttributes.ReparsePoint) == 0 && !(skipHidden && e.FileName.StartsWith('.')),
        };
        return enumerable;
    }

    private readonly record struct Entry(string Name, string FullPath, bool IsDirectory, bool IsLink, long Length, DateTimeOffset LastWriteTime);

    private readonly record struct WalkedFile(string RelativePath, string FullPath, bool IsLink, long Length, DateTimeOffset LastWriteTime);
}
