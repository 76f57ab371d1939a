using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;

namespace HFDesk.Server.Contracts;

internal static class JobContractMapper
{
    public static JobResponse ToResponse(this Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var progress = job.Progress;
        return new JobResponse(
            job.Id.Value,
            job.Repo.ToString(),
            job.Request.Revision,
            job.Commit,
            job.IsDataset,
            job.Request.Filters,
            job.Request.Excludes,
            job.Request.ExactMatch,
            job.Status.Word(),
            job.Phase is { } phase ? Word(phase) : null,
            job.Destination.OutputDir,
            job.Destination.HubDir,
            job.Destination.Flat,
            new JobProgressResponse(
                progress.TotalFiles,
                progress.CompletedFiles,
                progress.TotalBytes,
                progress.DownloadedBytes,
                progress.BytesPerSecond,
                progress.EtaSeconds,
                progress.Activity),
            [.. job.Files.Select(f => new JobFileResponse(f.Path, f.TotalBytes, f.Downloaded, Word(f.Status), f.Error))],
            job.Error,
            job.CreatedAt,
            job.StartedAt,
            job.EndedAt,
            job.Version,
            Word(job.Source),
            job.LanClient);
    }

    public static HistoryEntryResponse ToResponse(this JobHistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new HistoryEntryResponse(
            entry.Id,
            entry.JobId.Value,
            entry.Repo.ToString(),
            entry.Revision,
            entry.Type == RepoType.Dataset,
            entry.Status.Word(),
            entry.TotalFiles,
            entry.TotalBytes,
            entry.OutputDir,
            entry.HubDir,
            entry.StartedAt,
            entry.EndedAt,
            entry.Error,
            Word(entry.Source),
            entry.LanClient);
    }

    public static JobListResponse ToResponse(this IReadOnlyList<Job> jobs) =>
        new([.. jobs.Select(j => j.ToResponse())], jobs.Count);

    private static string Word(JobSource source) => source == JobSource.Hub ? "hub" : "download";

    private static string Word(JobPhase phase) => phase switch
    {
        JobPhase.Planning => "planning",
        JobPhase.Downloading => "downloading",
        JobPhase.Verifying => "verifying",
        JobPhase.Finalizing => "finalizing",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };

    private static string Word(JobFileStatus status) => status switch
    {
        JobFileStatus.Pending => "pending",
        JobFileStatus.Active => "active",
        JobFileStatus.Verifying => "verifying",
        JobFileStatus.Complete => "complete",
        JobFileStatus.Skipped => "skipped",
        JobFileStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
