using HFDesk.Core.Planning;

namespace HFDesk.Cli.Rendering;

/// <summary>A plan as <c>--dry-run --json</c> prints it: the same shape as the API's plan answer.</summary>
internal sealed record DownloadPlanOutput(
    string Repo,
    string Revision,
    string Commit,
    bool IsDataset,
    string Destination,
    IReadOnlyList<DownloadPlanFileOutput> Files,
    int TotalFiles,
    long TotalSize,
    long BytesToDownload,
    long? FreeSpace)
{
    public string Event { get; init; } = "plan";

    public static DownloadPlanOutput From(DownloadPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new DownloadPlanOutput(
            plan.Repo.ToString(),
            plan.Revision,
            plan.Commit,
            plan.IsDataset,
            plan.Destination,
            [.. plan.Files.Select(f => new DownloadPlanFileOutput(f.Path, f.Size, f.Lfs, f.Sha256, f.Present))],
            plan.TotalFiles,
            plan.TotalSize,
            plan.BytesToDownload,
            plan.FreeSpace);
    }
}
