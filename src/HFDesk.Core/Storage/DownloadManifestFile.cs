using System.Text.Json;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Storage;

/// <summary>Reads and writes <see cref="DownloadManifest.FileName"/> in a download's output folder.</summary>
internal static class DownloadManifestFile
{
    public static string PathIn(string directory) => Path.Combine(directory, DownloadManifest.FileName);

    /// <summary>The manifest in <paramref name="directory"/>, or null when absent or unreadable (another tool's folder).</summary>
    public static DownloadManifest? TryRead(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), StorageJsonContext.Default.DownloadManifest);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static void Write(string directory, DownloadManifest manifest) =>
        AtomicFile.WriteAllBytes(PathIn(directory), JsonSerializer.SerializeToUtf8Bytes(manifest, StorageJsonContext.Default.DownloadManifest));

    /// <summary>
    /// The manifest to write after a download described by <paramref name="next"/>. A second download of the same commit into the
    /// same folder (say q4 first, then q8) adds to the first, so the folder's manifest lists everything in it.
    /// </summary>
    public static DownloadManifest Merge(DownloadManifest? existing, DownloadManifest next)
    {
        if (existing is null || existing.Repo != next.Repo || existing.Type != next.Type || existing.Commit != next.Commit)
        {
            return next;
        }

        var files = existing.Files
            .Where(old => next.Files.All(f => f.Path != old.Path))
            .Concat(next.Files)
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var complete = existing.Complete || next.Complete || files.Count >= next.RepoFileCount;
        return next with
        {
            Files = files,
            Complete = complete,
            Filters = complete ? [] : existing.Filters.Union(next.Filters, StringComparer.OrdinalIgnoreCase).ToList(),
            Excludes = complete ? [] : existing.Excludes.Intersect(next.Excludes, StringComparer.OrdinalIgnoreCase).ToList(),
            CreatedAt = existing.CreatedAt,
        };
    }

    public static DownloadManifest From(RepoType type, RepoId repo, string commit, DownloadCompletion completion)
    {
        var files = completion.Files
            .Select(f => new ManifestFile(f.Path, f.Size, f.BlobName, f.IsLfs))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        return new DownloadManifest
        {
            Repo = repo.ToString(),
            Type = type,
            Revision = completion.Revision,
            Commit = commit,
            Filters = completion.Filters,
            Excludes = completion.Excludes,
            ExactMatch = completion.ExactMatch,
            Complete = files.Count >= completion.RepoFileCount,
            RepoFileCount = completion.RepoFileCount,
            Files = files,
            CreatedAt = completion.FinishedAt,
            UpdatedAt = completion.FinishedAt,
        };
    }
}
