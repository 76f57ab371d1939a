namespace HFDesk.Server.Contracts;

/// <summary>What a download would fetch (api.md Plan answer); no job is created.</summary>
internal sealed record PlanResponse(
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
