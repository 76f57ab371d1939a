using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HFDesk.Server.Tests;

/// <summary>
/// Writes a Hugging Face cache root by hand (hub-protocol.md §3): blobs, relative snapshot symlinks, refs
/// without newline, and HFDesk's friendly view with its manifest, so endpoint tests see real disk layouts.
/// </summary>
internal sealed class CacheTreeWriter(string cacheRoot)
{
    public string CacheRoot { get; } = cacheRoot;

    public string HubDir => Path.Combine(CacheRoot, "hub");

    public static string CommitOf(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..40];

    public string RepoDir(string type, string repo) => Path.Combine(HubDir, $"{type}s--{repo.Replace("/", "--", StringComparison.Ordinal)}");

    public string FriendlyDir(string type, string repo) => Path.Combine(CacheRoot, type + "s", repo.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A repo at one commit with <c>refs/main</c>; with <paramref name="complete"/> non-null, also HFDesk's friendly view and manifest.</summary>
    public string AddRepo(string type, string repo, IReadOnlyList<(string Path, string Content)> files, bool? complete = null)
    {
        var commit = CommitOf(type + repo);
        var repoDir = RepoDir(type, repo);
        var blobs = Directory.CreateDirectory(Path.Combine(repoDir, "blobs")).FullName;
        var snapshot = Directory.CreateDirectory(Path.Combine(repoDir, "snapshots", commit)).FullName;
        foreach (var (path, text) in files)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var blob = Convert.ToHexStringLower(SHA256.HashData(bytes));
            File.WriteAllBytes(Path.Combine(blobs, blob), bytes);
            var link = Path.Combine(snapshot, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, Path.GetRelativePath(Path.GetDirectoryName(link)!, Path.Combine(blobs, blob)));
        }

        Directory.CreateDirectory(Path.Combine(repoDir, "refs"));
        File.WriteAllText(Path.Combine(repoDir, "refs", "main"), commit);

        if (complete is { } isComplete)
        {
            var friendly = Directory.CreateDirectory(FriendlyDir(type, repo)).FullName;
            foreach (var (path, _) in files)
            {
                var link = Path.Combine(friendly, path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(link)!);
                File.CreateSymbolicLink(link, Path.GetRelativePath(Path.GetDirectoryName(link)!, Path.Combine(snapshot, path)));
            }

            var manifest = new JsonObject
            {
                ["formatVersion"] = 1,
                ["repo"] = repo,
                ["type"] = type == "dataset" ? "Dataset" : "Model",
                ["revision"] = "main",
                ["commit"] = commit,
                ["filters"] = isComplete ? new JsonArray() : new JsonArray("q4_k_m"),
                ["complete"] = isComplete,
                ["repoFileCount"] = isComplete ? files.Count : files.Count + 3,
                ["files"] = new JsonArray(),
                ["createdAt"] = "2026-01-02T03:04:05+00:00",
                ["updatedAt"] = "2026-01-02T03:04:05+00:00",
            };
            File.WriteAllText(Path.Combine(friendly, ".hfdesk-manifest.json"), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        return commit;
    }
}
