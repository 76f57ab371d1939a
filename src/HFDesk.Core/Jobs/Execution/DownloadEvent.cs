namespace HFDesk.Core.Jobs.Execution;

/// <summary>
/// One thing that happened during a repo download, reported synchronously, in order, from any thread. Flat on
/// purpose: the job tracker folds these into a job, and <c>hfdesk download --json</c> prints them as lines.
/// </summary>
public sealed record DownloadEvent(DownloadEventKind Kind)
{
    public DownloadPhase? Phase { get; init; }

    public string? Path { get; init; }

    /// <summary>Bytes of the file on disk (started: resumed from before; progress: all so far).</summary>
    public long? Bytes { get; init; }

    /// <summary>Bytes fetched from the network in this run (progress only): speed counts these, never resumed ones.</summary>
    public long? FetchedBytes { get; init; }

    public long? TotalBytes { get; init; }

    /// <summary>Number of selected files (planned only).</summary>
    public int? Files { get; init; }

    public string? Commit { get; init; }

    public string? Message { get; init; }
}
