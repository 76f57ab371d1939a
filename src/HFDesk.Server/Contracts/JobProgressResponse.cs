namespace HFDesk.Server.Contracts;

internal sealed record JobProgressResponse(
    int TotalFiles,
    int CompletedFiles,
    long TotalBytes,
    long DownloadedBytes,
    double BytesPerSecond,
    long? EtaSeconds,
    string? Activity);
