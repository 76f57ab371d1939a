namespace HFDesk.Cli.Rendering;

/// <summary>The last line of <c>hfdesk download --json</c>.</summary>
internal sealed record DownloadSummary
{
    public string Event { get; init; } = "summary";

    /// <summary><c>completed</c>, <c>failed</c>, <c>cancelled</c> or <c>planned</c> (dry run).</summary>
    public required string Status { get; init; }

    public required string Repo { get; init; }

    public string? Revision { get; init; }

    public string? Commit { get; init; }

    public bool IsDataset { get; init; }

    public string? OutputDir { get; init; }

    public string? HubDir { get; init; }

    public int TotalFiles { get; init; }

    public int FilesDownloaded { get; init; }

    public int FilesSkipped { get; init; }

    public long TotalBytes { get; init; }

    public long BytesFetched { get; init; }

    public long BytesResumed { get; init; }

    /// <summary>Bytes of the files already complete at the destination (<see cref="FilesSkipped"/>).</summary>
    public long BytesSkipped { get; init; }

    public double ElapsedSeconds { get; init; }

    public string? Error { get; init; }

    public int ExitCode { get; init; }
}
