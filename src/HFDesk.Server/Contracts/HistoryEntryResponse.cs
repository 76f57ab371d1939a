namespace HFDesk.Server.Contracts;

internal sealed record HistoryEntryResponse(
    long Id,
    string JobId,
    string Repo,
    string Revision,
    bool IsDataset,
    string Status,
    int TotalFiles,
    long TotalBytes,
    string OutputDir,
    string? HubDir,
    DateTimeOffset? StartedAt,
    DateTimeOffset EndedAt,
    string? Error,
    string Source,
    string? LanClient);
