using HFDesk.Core.Hub;

namespace HFDesk.Core.Storage;

/// <summary>
/// What HFDesk records about a download it completed, so the cache browser can tell a deliberate subset
/// (<c>filtered</c>) from a full download (<c>complete</c>) and show where it came from.
/// Written as <c>.hfdesk-manifest.json</c> in the friendly view folder (cache mode) or the local folder
/// (localDir mode); see <c>Storage/</c> for the writer and <c>Cache/</c> for the reader.
/// </summary>
internal sealed record DownloadManifest
{
    public const string FileName = ".hfdesk-manifest.json";

    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required string Repo { get; init; }

    public RepoType Type { get; init; }

    public required string Revision { get; init; }

    /// <summary>40-hex commit the files were taken from.</summary>
    public required string Commit { get; init; }

    public IReadOnlyList<string> Filters { get; init; } = [];

    public IReadOnlyList<string> Excludes { get; init; } = [];

    public bool ExactMatch { get; init; }

    /// <summary>True when every file of the revision was selected (no filters, no excludes took anything out).</summary>
    public bool Complete { get; init; }

    /// <summary>Number of files in the repository at that commit, to compare with <see cref="Files"/>.</summary>
    public int RepoFileCount { get; init; }

    public IReadOnlyList<ManifestFile> Files { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One downloaded file: repo path, size, blob name (sha256 for LFS, git sha1 otherwise).</summary>
internal sealed record ManifestFile(string Path, long Size, string Blob, bool Lfs);
