using HFDesk.Core.Hub;

namespace HFDesk.Core.Jobs;

/// <summary>
/// An immutable snapshot of one download job. Status only changes through <see cref="JobStateMachine"/>;
/// everything else is progress the scheduler folds in.
/// </summary>
internal sealed record Job
{
    public required JobId Id { get; init; }

    /// <summary>Creation order; the scheduler starts the lowest queued sequence first.</summary>
    public required long Sequence { get; init; }

    public required JobRequest Request { get; init; }

    public required JobDestination Destination { get; init; }

    public JobStatus Status { get; init; } = JobStatus.Queued;

    public JobPhase? Phase { get; init; }

    /// <summary>40-hex commit the revision resolved to, once planning ran.</summary>
    public string? Commit { get; init; }

    public JobProgress Progress { get; init; } = JobProgress.Empty;

    public IReadOnlyList<JobFile> Files { get; init; } = [];

    public string? Error { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>A download the user asked for, or a LAN client's pull-through fill (<see cref="LanClient"/> says who).</summary>
    public JobSource Source { get; init; }

    /// <summary>For a <see cref="JobSource.Hub"/> job: the address of the LAN client whose request started the fill.</summary>
    public string? LanClient { get; init; }

    /// <summary>Set when a snapshot leaves the scheduler (<see cref="JobVersionClock"/>); not stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long Version { get; init; }

    public RepoId Repo => Request.Repo;

    public bool IsDataset => Request.Type == RepoType.Dataset;
}
