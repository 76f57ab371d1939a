using System.Security.Cryptography;
using System.Text;

namespace HFDesk.UiTests;

/// <summary>
/// Writes Hugging Face cache repos by hand (hub-protocol.md §3) into a hub folder: blobs named by their content id
/// (SHA-256 for LFS files, git sha1 otherwise), relative snapshot symlinks and <c>refs/main</c>, so the Mirror page
/// is tested against real folders without downloading anything first.
/// </summary>
internal sealed class HubCacheWriter(string hubDir)
{
    public string HubDir { get; } = hubDir;

    public static string CommitOf(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];

    public static bool IsLfs(string path) => path.EndsWith(".safetensors", StringComparison.Ordinal) || path.EndsWith(".gguf", StringComparison.Ordinal) || path.EndsWith(".bin", StringComparison.Ordinal);

    public static string BlobOf(string path, byte[] content)
    {
        if (IsLfs(path))
        {
            return Convert.ToHexStringLower(SHA256.HashData(content));
        }

#pragma warning disable CA5350 // git names blobs by sha1; this is naming, not security.
        return Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {content.Length}\0"), .. content]));
#pragma warning restore CA5350
    }

    public string RepoDir(string repo) => Path.Combine(HubDir, "models--" + repo.Replace("/", "--", StringComparison.Ordinal));

    public string BlobPath(string repo, string path, byte[] content) => Path.Combine(RepoDir(repo), "blobs", BlobOf(path, content));

    /// <summary>A model at one commit with <c>refs/main</c>; returns the snapshot folder.</summary>
    public string AddModel(string repo, IReadOnlyList<(string Path, byte[] Content)> files, string? commit = null)
    {
        var repoDir = RepoDir(repo);
        commit ??= CommitOf(repo);
        var blobs = Directory.CreateDirectory(Path.Combine(repoDir, "blobs")).FullName;
        var snapshot = Directory.CreateDirectory(Path.Combine(repoDir, "snapshots", commit)).FullName;
        foreach (var (path, content) in files)
        {
            var blob = Path.Combine(blobs, BlobOf(path, content));
            File.WriteAllBytes(blob, content);
            var link = Path.Combine(snapshot, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, Path.GetRelativePath(Path.GetDirectoryName(link)!, blob));
        }

        Directory.CreateDirectory(Path.Combine(repoDir, "refs"));
        File.WriteAllText(Path.Combine(repoDir, "refs", "main"), commit);
        return snapshot;
    }

    /// <summary>Bytes that are not all alike, so a copy that shifts or drops a block is noticed.</summary>
    public static byte[] Content(int length) => RandomNumberGenerator.GetBytes(length);
}
