namespace HFDesk.Core.Jobs;

internal sealed record JobProgress
{
    public static JobProgress Empty { get; } = new();

    public int TotalFiles { get; init; }

    public int CompletedFiles { get; init; }

    public long TotalBytes { get; init; }

    public long DownloadedBytes { get; init; }

    public double BytesPerSecond { get; init; }

    public long? EtaSeconds { get; init; }

    public string? Activity { get; init; }
}
