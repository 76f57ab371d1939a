using System.Collections.Concurrent;
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
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) },
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
        if (Directory.Exists(blobsDir))
        {
            foreach (var blob in new DirectoryInfo(blobsDir).EnumerateFiles("*", Flat))
            {
                if (HexName.IsBlob(blob.Name) && blob.LinkTarget is null)
                {
                    blobs[blob.Name] = blob.Length;
                }
            }
        }

        var snapshots = new Dictionary<string, IReadOnlyDictionary<string, MirrorFile>>(StringComparer.Ordinal);
        var snapshotsDir = Path.Combine(repoDir, "snapshots");
        if (Directory.Exists(snapshotsDir))
        {
            foreach (var snapshot in new DirectoryInfo(snapshotsDir).EnumerateDirectories("*", Flat))
            {
                if (!HexName.IsCommit(snapshot.Name) || snapshot.LinkTarget is not null)
                {
                    continue;
                }

                var files = new Dictionary<string, MirrorFile>(StringComparer.Ordinal);
                ReadSnapshotDir(snapshot.FullName, "", blobsDir, blobs, files, 0);
                snapshots[snapshot.Name] = files;
            }
        }

        return new MirrorRepo(type, id, folderName, repoDir, ReadRefs(Path.Combine(repoDir, "refs")), snapshots, blobs);
    }

    private static void ReadSnapshotDir(string dir, string prefix, string blobsDir, Dictionary<string, long> blobs, Dictionary<string, MirrorFile> files, int depth)
    {
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", Flat))
        {
            if (IsTransient(entry.Name))
            {
                continue;
            }

            var repoPath = prefix.Length == 0 ? entry.Name : prefix + "/" + entry.Name;
            if (entry.LinkTarget is { } target)
            {
                // Resolved by name, never opened: only blobs/<hex> of this very repo counts.
                var resolved = Path.GetFullPath(Path.Combine(dir, target));
                var blob = Path.GetFileName(resolved);
                if (string.Equals(Path.GetDirectoryName(resolved), blobsDir, StorageRootContainment.PathComparison)
                    && HexName.IsBlob(blob)
                    && blobs.TryGetValue(blob, out var size))
                {
                    files[repoPath] = new MirrorFile(repoPath, blob, size, Path.Combine(blobsDir, blob));
                }
            }
            else if (entry is DirectoryInfo sub)
            {
                if (depth < MaxDepth)
                {
                    ReadSnapshotDir(sub.FullName, repoPath, blobsDir, blobs, files, depth + 1);
                }
            }
            else if (entry is FileInfo file)
            {
                files[repoPath] = new MirrorFile(repoPath, null, file.Length, file.FullName);
            }
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
