namespace HFDesk.Server.Contracts;

/// <summary>
/// The job object of api.md; <c>version</c> rises with every snapshot (REST and socket): keep the highest.
/// <c>source</c> is <c>download</c> or <c>hub</c> (a LAN pull: a Hub endpoint fill, started for <c>lanClient</c>).
/// </summary>
internal sealed record JobResponse(
    string Id,
    string Repo,
    string Revision,
    string? Commit,
    bool IsDataset,
    IReadOnlyList<string> Filters,
    IReadOnlyList<string> Excludes,
    bool ExactMatch,
    string Status,
    string? Phase,
    string OutputDir,
    string? HubDir,
    bool Flat,
    JobProgressResponse Progress,
    IReadOnlyList<JobFileResponse> Files,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    long Version,
    string Source,
    string? LanClient);
