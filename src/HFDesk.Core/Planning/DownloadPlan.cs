using HFDesk.Core.Hub;

namespace HFDesk.Core.Planning;

/// <summary>
/// A revision resolved to its commit and the files the filters select from its tree: what to fetch, not where
/// to or what is already there (a <c>RepoDownloadRun</c> owns those). Nothing more is asked of the Hub until bytes are fetched.
/// </summary>
internal sealed record DownloadPlan
{
    public required RepoId Repo { get; init; }

    public RepoType Type { get; init; }

    public required string Revision { get; init; }

    /// <summary>40-hex commit the revision pointed at when planned; every file is fetched at this commit.</summary>
    public required string Commit { get; init; }

    public required FilterSpec Filter { get; init; }

    public required IReadOnlyList<RepoFile> Files { get; init; }

    /// <summary>Files in the repository at <see cref="Commit"/>, selected or not.</summary>
    public int RepoFileCount { get; init; }

    public bool IsDataset => Type == RepoType.Dataset;

    public int TotalFiles => Files.Count;

    public long TotalSize => Files.Sum(f => f.Size);
}
