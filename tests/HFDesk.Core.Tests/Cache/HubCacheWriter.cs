using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HFDesk.Core.Hub;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Tests.Cache;

/// <summary>
/// Writes hub-cache repos by hand the way each client lays them out (hub-protocol.md §3), so the scanner is
/// tested against the on-disk shapes, not against our own writer.
/// </summary>
internal sealed class HubCacheWriter(string cacheRoot)
{
    // Written the way the storage writer does: camelCase, enums as words.
    private static readonly JsonSerializerOptions ManifestOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public string CacheRoot { get; } = cacheRoot;

    public string HubDir => Path.Combine(CacheRoot, "hub");

    public static string CommitOf(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];

    /// <summary>Blob name as the clients pick it: sha256 for "LFS" files (here: .gguf/.safetensors/.bin), git sha1 otherwise.</summary>
    public static string BlobOf(string path, byte[] content)
    {
        if (path.EndsWith(".gguf", StringComparison.Ordinal) || path.EndsWith(".safetensors", StringComparison.Ordinal) || path.EndsWith(".bin", StringComparison.Ordinal))
        {
            return Convert.ToHexStringLower(SHA256.HashData(content));
        }

#pragma warning disable CA5350 // git names blobs by sha1; this is naming, not security.
        return Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {content.Length}\0"), .. content]));
#pragma warning restore CA5350
    }

    public string RepoDir(RepoType type, string repo) => Path.Combine(HubDir, $"{type.ApiSegment()}--{repo.Replace("/", "--", StringComparison.Ordinal)}");

    /// <summary>
    /// One snapshot: blobs plus relative symlinks (or copies with <paramref name="copies"/>, as @huggingface/hub
    /// falls back to), and the given refs written as 40 hex without a newline.
    /// </summary>
    public string AddSnapshot(
        RepoType type,
        string repo,
        string commit,
        IEnumerable<(string Path, string Content)> files,
        string[]? refs = null,
        bool copies = false)
    {
        var repoDir = RepoDir(type, repo);
        var blobs = Directory.CreateDirectory(Path.Combine(repoDir, "blobs")).FullName;
        var snapshot = Directory.CreateDirectory(Path.Combine(repoDir, "snapshots", commit)).FullName;
        foreach (var (path, text) in files)
        {
            var content = Encoding.UTF8.GetBytes(text);
            var blob = BlobOf(path, content);
            var target = Path.Combine(snapshot, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (copies)
            {
                File.WriteAllBytes(target, content);
                continue;
            }

            File.WriteAllBytes(Path.Combine(blobs, blob), content);
            File.CreateSymbolicLink(target, Path.GetRelativePath(Path.GetDirectoryName(target)!, Path.Combine(blobs, blob)));
        }

        foreach (var name in refs ?? [])
        {
            var refFile = Path.Combine(repoDir, "refs", name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(refFile)!);
            File.WriteAllText(refFile, commit);
        }

        return snapshot;
    }

    /// <summary>The friendly view HFDesk keeps: links to the snapshot files and the manifest.</summary>
    public string AddFriendlyView(RepoType type, string repo, string commit, bool complete, IEnumerable<string> paths, string[]? filters = null)
    {
        var folder = Path.Combine(CacheRoot, type.ApiSegment(), repo.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(folder);
        var snapshot = Path.Combine(RepoDir(type, repo), "snapshots", commit);
        var list = paths.ToList();
        foreach (var path in list)
        {
            var link = Path.Combine(folder, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, Path.GetRelativePath(Path.GetDirectoryName(link)!, Path.Combine(snapshot, path)));
        }

        WriteManifest(folder, new DownloadManifest
        {
            Repo = repo,
            Type = type,
            Revision = "main",
            Commit = commit,
            Complete = complete,
            Filters = filters ?? [],
            RepoFileCount = complete ? list.Count : list.Count + 5,
            Files = list.Select(p => new ManifestFile(p, 1, "b", false)).ToList(),
            CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        });
        return folder;
    }

    public static void WriteManifest(string folder, DownloadManifest manifest)
    {
        File.WriteAllText(Path.Combine(folder, DownloadManifest.FileName), JsonSerializer.Serialize(manifest, ManifestOptions));
    }
}
