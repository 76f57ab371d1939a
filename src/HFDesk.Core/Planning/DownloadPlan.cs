using HFDesk.Core.Hub;

namespace HFDesk.Core.Planning;

/// <summary>
/// A revision resolved to its commit, the files the filters select from its tree, and what is already on disk
/// at the destination. Everything the runner needs; nothing more is asked of the Hub until bytes are fetched.
/// </summary>
internal sealed record DownloadPlan
{
    public required RepoId Repo { get; init; }

    public RepoType Type { get; init; }

    public required string Revision { get; init; }

    /// <summary>40-hex commit the revision pointed at when planned; every file is fetched at this commit.</summary>
    public required string Commit { get; init; }

    public required FilterSpec Filter { get; init; }

    /// <summary>Where the files become visible (friendly view folder in cache mode, repo folder in local mode).</summary>
    public required string Destination { get; init; }

    public required IReadOnlyList<PlannedFile> Files { get; init; }

    /// <summary>Files in the repository at <see cref="Commit"/>, selected or not.</summary>
    public int RepoFileCount { get; init; }

    /// <summary>Free bytes on the destination volume, null when unknown.</summary>
    public long? FreeSpace { get; init; }

    public bool IsDataset => Type == RepoType.Dataset;

    public int TotalFiles => Files.Count;

    public long TotalSize => Files.Sum(f => f.Size);

    /// <summary>Bytes still to fetch: files not present, each distinct blob counted once.</summary>
    public long BytesToDownload =>
        Files.Where(f => !f.Present).DistinctBy(f => f.File.BlobName).Sum(f => f.Size);
}
