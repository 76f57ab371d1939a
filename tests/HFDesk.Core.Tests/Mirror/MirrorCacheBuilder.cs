using System.Security.Cryptography;
using System.Text;

namespace HFDesk.Core.Tests.Mirror;

/// <summary>
/// Writes hub-cache repos by hand as huggingface_hub lays them out (hub-protocol.md §3), with real blob names:
/// the SHA-256 of the bytes for LFS files, the git blob sha1 otherwise. <c>symlinks: false</c> writes the
/// degraded layout of a cache without symlink support: real files in <c>snapshots/</c> and no blob.
/// </summary>
internal static class MirrorCacheBuilder
{
    public static string CommitOf(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];

    public static string RepoDir(string hubDir, string repo, string type = "model") =>
        Path.Combine(hubDir, $"{type}s--{repo.Replace("/", "--", StringComparison.Ordinal)}");

    public static string BlobName(byte[] bytes, bool lfs) => lfs
        ? Convert.ToHexStringLower(SHA256.HashData(bytes))
#pragma warning disable CA5350 // git names blobs by SHA-1
        : Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {bytes.Length}\0"), .. bytes]));
#pragma warning restore CA5350

    /// <summary>Adds a snapshot at <paramref name="commit"/> and points <c>refs/main</c> (or <paramref name="refName"/>) at it.</summary>
    public static string AddSnapshot(
        string hubDir,
        string repo,
        string commit,
        IReadOnlyList<(string Path, byte[] Bytes, bool Lfs)> files,
        string? refName = "main",
        bool symlinks = true,
        string type = "model")
    {
        var repoDir = RepoDir(hubDir, repo, type);
        var blobs = Directory.CreateDirectory(Path.Combine(repoDir, "blobs")).FullName;
        var snapshot = Directory.CreateDirectory(Path.Combine(repoDir, "snapshots", commit)).FullName;
        foreach (var (path, bytes, lfs) in files)
        {
            var target = Path.Combine(snapshot, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (symlinks)
            {
                var blob = Path.Combine(blobs, BlobName(bytes, lfs));
                File.WriteAllBytes(blob, bytes);
                File.CreateSymbolicLink(target, Path.GetRelativePath(Path.GetDirectoryName(target)!, blob));
            }
            else
            {
                File.WriteAllBytes(target, bytes);
            }
        }

        Directory.CreateDirectory(Path.Combine(repoDir, "refs"));
        if (refName is not null)
        {
            File.WriteAllText(Path.Combine(repoDir, "refs", refName), commit);
        }

        return commit;
    }

    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Every file and link below <paramref name="root"/>: relative path → link target or content hash (the cache's CACHEDIR.TAG aside).</summary>
    public static SortedDictionary<string, string> Describe(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            if (relative == "CACHEDIR.TAG")
            {
                continue;
            }

            if (entry.LinkTarget is { } link)
            {
                result[relative] = "-> " + link.Replace('\\', '/');
            }
            else if (entry is FileInfo file)
            {
                result[relative] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file.FullName)));
            }
        }

        return result;
    }
}
