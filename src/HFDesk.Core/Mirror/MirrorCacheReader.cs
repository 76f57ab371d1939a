using System.Collections.Concurrent;
using System.IO.Enumeration;
using HFDesk.Core.Hub;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Mirror;

/// <summary>
/// Reads a hub cache for comparison without reading a single file's bytes: blob names are content ids, so
/// names and sizes are enough. Links are resolved by name only and accepted only when they point at
/// <c>blobs/&lt;hex&gt;</c> of their own repo folder; anything else (a link out of the repo, a dangling link) is
/// not a file of the snapshot. Temp, partial and lock files are not entries.
/// </summary>
internal static class MirrorCacheReader
{
    private const int MaxDepth = 64;

    // Repo folders read at once. On a local disk the work is CPU-bound and a few threads suffice; on a NAS each
    // listing waits for a network round trip, so more in flight hide the latency.
    private static readonly int ReadParallelism = Math.Max(8, Environment.ProcessorCount);

    private static readonly string[] TransientSuffixes =
        [".incomplete", ".hfdesk-tmp", MirrorFileCopier.TempSuffix, HfCacheLayout.JournalSuffix, ".lock"];

    private static readonly EnumerationOptions Flat = new() { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0 };

    public static MirrorCache Read(string hubDir, MirrorRepoFilter? filter, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(hubDir);
        if (!Directory.Exists(full))
        {
            return new MirrorCache(full, false, new Dictionary<string, MirrorRepo>(StringComparer.Ordinal));
        }

        var folders = new DirectoryInfo(full).EnumerateDirectories("*", Flat)
            .Where(d => d.LinkTarget is null)
            .Select(d => (Dir: d, Parsed: TryParseFolder(d.Name)))
            .Where(x => x.Parsed is not null && (filter is null || filter.Matches(x.Parsed.Value.Id)))
            .ToList();
        var repos = new ConcurrentDictionary<string, MirrorRepo>(StringComparer.Ordinal);
        Parallel.ForEach(
            folders,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = ReadParallelism },
            folder => repos[folder.Dir.Name] = ReadRepo(folder.Dir.FullName, folder.Dir.Name, folder.Parsed!.Value.Type, folder.Parsed.Value.Id));
        return new MirrorCache(full, true, new Dictionary<string, MirrorRepo>(repos, StringComparer.Ordinal));
    }

    /// <summary><c>models--owner--name</c> → (Model, owner/name); anything else (spaces, stray folders) is no repo of ours.</summary>
    public static (RepoType Type, string Id)? TryParseFolder(string folderName)
    {
        (RepoType Type, string Prefix)[] kinds = [(RepoType.Model, "models--"), (RepoType.Dataset, "datasets--")];
        foreach (var (type, prefix) in kinds)
        {
            if (!folderName.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = folderName[prefix.Length..].Split("--");
            if (parts.Length is < 1 or > 2 || parts.Any(p => !IsSafePart(p)))
            {
                return null;
            }

            return (type, string.Join('/', parts));
        }

        return null;
    }

    public static bool IsTransient(string name) =>
        TransientSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal));

    private static bool IsSafePart(string part) =>
        part.Length is > 0 and <= RepoId.MaxNameLength
        && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
        && part[0] != '.' && !part.Contains("..", StringComparison.Ordinal);

    private static MirrorRepo ReadRepo(string repoDir, string folderName, RepoType type, string id)
    {
        var blobsDir = Path.Combine(repoDir, "blobs");
        var blobs = new Dictionary<string, long>(StringComparer.Ordinal);
        // One lstat per blob (its size) and nothing else: d_type says file or link, so no readlink as FileInfo's
        // LinkTarget would cost, and no FileInfo per entry.
        foreach (var (name, length) in Enumerate(
            blobsDir,
            static (ref FileSystemEntry e) => (e.FileName.ToString(), e.Length),
            static (ref FileSystemEntry e) => !e.IsDirectory && IsBlobName(e.FileName) && (e.Attributes & FileAttributes.ReparsePoint) == 0))
        {
            blobs[name] = length;
        }

        var snapshots = new Dictionary<string, IReadOnlyDictionary<string, MirrorFile>>(StringComparer.Ordinal);
        var snapshotsDir = Path.Combine(repoDir, "snapshots");
        foreach (var snapshot in Enumerate(
            snapshotsDir,
            static (ref FileSystemEntry e) => e.FileName.ToString(),
            static (ref FileSystemEntry e) => e.IsDirectory && e.FileName.Length == 40 && IsBlobName(e.FileName)))
        {
            var snapshotDir = Path.Combine(snapshotsDir, snapshot);
            if (new DirectoryInfo(snapshotDir).LinkTarget is not null)
            {
                continue;
            }

            var files = new Dictionary<string, MirrorFile>(StringComparer.Ordinal);
            ReadSnapshotDir(snapshotDir, "", blobsDir, blobs, files, 0);
            snapshots[snapshot] = files;
        }

        return new MirrorRepo(type, id, folderName, repoDir, ReadRefs(Path.Combine(repoDir, "refs")), snapshots, blobs);
    }

    private static void ReadSnapshotDir(string dir, string prefix, string blobsDir, Dictionary<string, long> blobs, Dictionary<string, MirrorFile> files, int depth)
    {
        foreach (var entry in Enumerate(
            dir,
            static (ref FileSystemEntry e) => SnapshotEntry.Of(ref e),
            static (ref FileSystemEntry e) => !IsTransient(e.FileName)))
        {
            var repoPath = prefix.Length == 0 ? entry.Name : prefix + "/" + entry.Name;
            var path = Path.Combine(dir, entry.Name);
            if (entry.IsLink)
            {
                // Resolved by name, never opened: only blobs/<hex> of this very repo counts.
                if (ReadLink(path) is not { } target)
                {
                    continue;
                }

                var resolved = Path.GetFullPath(Path.Combine(dir, target));
                var blob = Path.GetFileName(resolved);
                if (string.Equals(Path.GetDirectoryName(resolved), blobsDir, StorageRootContainment.PathComparison)
                    && HexName.IsBlob(blob)
                    && blobs.TryGetValue(blob, out var size))
                {
                    files[repoPath] = new MirrorFile(repoPath, blob, size, Path.Combine(blobsDir, blob));
                }
            }
            else if (entry.IsDirectory)
            {
                if (depth < MaxDepth)
                {
                    ReadSnapshotDir(path, repoPath, blobsDir, blobs, files, depth + 1);
                }
            }
            else
            {
                files[repoPath] = new MirrorFile(repoPath, null, entry.Length, path);
            }
        }
    }

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone or unreadable since the listing: no file of the snapshot.
            return null;
        }
    }

    /// <summary>A folder's entries, or none when it does not exist (no separate Exists check: one syscall less per folder).</summary>
    private static IEnumerable<T> Enumerate<T>(
        string dir, FileSystemEnumerable<T>.FindTransform transform, FileSystemEnumerable<T>.FindPredicate include)
    {
        IEnumerator<T> enumerator;
        try
        {
            // The folder is opened here, so a missing one throws here.
            enumerator = new FileSystemEnumerable<T>(dir, transform, Flat) { ShouldIncludePredicate = include }.GetEnumerator();
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        using var owned = enumerator;
        while (true)
        {
            try
            {
                if (!enumerator.MoveNext())
                {
                    yield break;
                }
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
            {
                yield break;
            }

            yield return enumerator.Current;
        }
    }

    private static bool IsBlobName(ReadOnlySpan<char> name)
    {
        if (name.Length is not (40 or 64))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTransient(ReadOnlySpan<char> name)
    {
        foreach (var suffix in TransientSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct SnapshotEntry(string Name, bool IsLink, bool IsDirectory, long Length)
    {
        // A link's size is its blob's, known from blobs/; only a real file's is asked for.
        public static SnapshotEntry Of(ref FileSystemEntry e)
        {
            var isLink = (e.Attributes & FileAttributes.ReparsePoint) != 0;
            return new SnapshotEntry(e.FileName.ToString(), isLink, e.IsDirectory, isLink || e.IsDirectory ? 0 : e.Length);
        }
    }

    private static Dictionary<string, string> ReadRefs(string refsDir)
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(refsDir))
        {
            return refs;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint, MaxRecursionDepth = 8 };
        foreach (var file in new DirectoryInfo(refsDir).EnumerateFiles("*", options))
        {
            var name = Path.GetRelativePath(refsDir, file.FullName).Replace('\\', '/');
            if (file.Length != 40 || name.Split('/').Any(s => s.StartsWith('.')))
            {
                continue;
            }

            try
            {
                var commit = File.ReadAllText(file.FullName);
                if (HexName.IsCommit(commit))
                {
                    refs[name] = commit;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A ref that cannot be read is no ref: the repo then differs, and the next run tries again.
            }
        }

        return refs;
    }
}
