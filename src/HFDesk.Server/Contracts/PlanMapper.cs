using HFDesk.Core.Planning;

namespace HFDesk.Server.Contracts;

/// <summary>The one plan → answer mapping: <c>POST /api/plan</c> and <c>hfdesk download --dry-run --json</c>.</summary>
internal static class PlanMapper
{
    public static PlanResponse ToResponse(this DownloadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PlanResponse(
            plan.Repo.ToString(),
            plan.Revision,
            plan.Commit,
            plan.IsDataset,
            plan.Destination,
            [.. plan.Files.Select(f => new PlanFileResponse(f.Path, f.Size, f.Lfs, f.Sha256, f.Present))],
            plan.TotalFiles,
            plan.TotalSize,
            plan.BytesToDownload,
            plan.FreeSpace);
    }
}
