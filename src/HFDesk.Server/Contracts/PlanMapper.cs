using HFDesk.Core.Jobs.Execution;

namespace HFDesk.Server.Contracts;

/// <summary>The one plan → answer mapping: <c>POST /api/plan</c> and <c>hfdesk download --dry-run --json</c>.</summary>
internal static class PlanMapper
{
    /// <summary>The run as it would start now: it owns what is already on disk, the destination and the free space.</summary>
    public static PlanResponse ToResponse(this RepoDownloadRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var plan = run.Plan;
        return new PlanResponse(
            plan.Repo.ToString(),
            plan.Revision,
            plan.Commit,
            plan.IsDataset,
            run.OutputDir,
            [.. plan.Files.Select(f => new PlanFileResponse(f.Path, f.Size, f.IsLfs, f.LfsSha256, run.IsPresent(f)))],
            plan.TotalFiles,
            plan.TotalSize,
            run.BytesToDownload,
            run.AvailableFreeSpace());
    }
}
