using HFDesk.Core.Hub;

namespace HFDesk.Core.Storage;

/// <summary>
/// Where one repo download lands: the HF cache (<see cref="HfCacheLayout"/>) or real files in a folder
/// (<see cref="LocalDirLayout"/>). The engine only ever sees the temp and journal paths handed out here.
/// </summary>
internal interface IStorageTarget
{
    /// <summary>What the user opens: the friendly view folder in cache mode, the repo folder in local mode.</summary>
    string OutputDir { get; }

    /// <summary>The HF hub cache dir in cache mode, null in local mode.</summary>
    string? HubDir { get; }

    bool Flat { get; }

    string Commit { get; }

    /// <summary>Confined paths for one file; throws <see cref="UnsafePathException"/> for a hostile repo path or oid.</summary>
    StagedFilePaths PathsFor(RepoFile file);

    /// <summary>True when the file's bytes are already complete at the destination and nothing needs fetching.</summary>
    bool IsPresent(RepoFile file);

    /// <summary>
    /// True when a file another tool put at the final path (an LM Studio folder, a copy) has exactly the Hub's
    /// content: it is then recorded as ours instead of being fetched again. Reads the whole file.
    /// </summary>
    Task<bool> AdoptExistingAsync(RepoFile file, CancellationToken cancellationToken);

    /// <summary>
    /// Makes every file of <paramref name="sameBlob"/> (all with one blob name) final, from the verified temp file
    /// when there is one, else from bytes already present. Idempotent.
    /// </summary>
    Task CommitAsync(IReadOnlyList<RepoFile> sameBlob, CancellationToken cancellationToken);

    /// <summary>Writes what marks the download done: refs, friendly view, manifest, bookkeeping.</summary>
    Task<DownloadManifest> FinishAsync(DownloadCompletion completion, CancellationToken cancellationToken);

    /// <summary>Free bytes on the destination volume, or null when the OS cannot say.</summary>
    long? AvailableFreeSpace();
}
