using HFDesk.Core.Hub;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Cache;

/// <summary>One repository the cache browser found, in one place (api.md Cache entry).</summary>
internal sealed record CachedRepo
{
    /// <summary><c>owner/name</c>, or just <c>name</c> for the few namespace-less legacy repos (<c>models--gpt2</c>).</summary>
    public required string Repo { get; init; }

    public required string Owner { get; init; }

    public required string Name { get; init; }

    public required RepoType Type { get; init; }

    public required CacheSource Source { get; init; }

    /// <summary>The repo folder: <c>H/models--o--n</c>, the friendly-view folder, or the local folder.</summary>
    public required string Path { get; init; }

    /// <summary><c>R/models/o/n</c> when it exists.</summary>
    public string? FriendlyPath { get; init; }

    /// <summary>Bytes on disk, each blob counted once however many snapshots link to it.</summary>
    public long Size { get; init; }

    /// <summary>Distinct files on disk (distinct blobs in the hub cache), as huggingface_hub's scanner counts them.</summary>
    public int FileCount { get; init; }

    public string? Branch { get; init; }

    public string? Commit { get; init; }

    public DateTimeOffset? Downloaded { get; init; }

    public CacheDownloadStatus DownloadStatus { get; init; }

    public DownloadManifest? Manifest { get; init; }

    /// <summary>GGUF quantizations found in file names (<c>Q4_K_M</c>, <c>IQ2_XXS</c>…), upper case, sorted.</summary>
    public IReadOnlyList<string> Quantizations { get; init; } = [];

    public IReadOnlyList<CachedSnapshot> Snapshots { get; init; } = [];

    /// <summary>Files of the current snapshot (<see cref="Commit"/>), or of the local folder.</summary>
    public IReadOnlyList<CachedFile> Files { get; init; } = [];

    /// <summary>Partial downloads (<c>blobs/*.incomplete</c>) left by HFDesk or another tool.</summary>
    public int IncompleteFiles { get; init; }

    /// <summary>What huggingface_hub's scanner would complain about (missing blob, bad ref…).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
