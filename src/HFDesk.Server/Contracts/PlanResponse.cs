namespace HFDesk.Server.Contracts;

/// <summary>What a download would fetch (api.md Plan answer); no job is created.</summary>
// Not sealed: the CLI's --dry-run --json line is this answer plus its event tag (DownloadPlanOutput).
internal record PlanResponse(
    string Repo,
    string Revision,
    string Commit,
    bool IsDataset,
    string Destination,
    IReadOnlyList<PlanFileResponse> Files,
    int TotalFiles,
    long TotalSize,
    long BytesToDownload,
    long? FreeSpace);
