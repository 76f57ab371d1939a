using HFDesk.Core.Hub;

namespace HFDesk.Core.Jobs;

/// <summary>One row of the history: a job as it was when it reached a terminal status.</summary>
internal sealed record JobHistoryEntry
{
    public required long Id { get; init; }

    public required JobId JobId { get; init; }

    public required RepoId Repo { get; init; }

    public required string Revision { get; init; }

    public RepoType Type { get; init; }

    public required JobStatus Status { get; init; }

    public int TotalFiles { get; init; }

    public long TotalBytes { get; init; }

    public required string OutputDir { get; init; }

    public string? HubDir { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    public string? Error { get; init; }

    public JobSource Source { get; init; }

    public string? LanClient { get; init; }
}
