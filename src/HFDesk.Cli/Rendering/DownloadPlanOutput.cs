using HFDesk.Core.Jobs.Execution;

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

    public static DownloadPlanOutput From(RepoDownloadRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var plan = run.Plan;
        return new DownloadPlanOutput(
            plan.Repo.ToString(),
            plan.Revision,
            plan.Commit,
            plan.IsDataset,
            run.OutputDir,
            [.. plan.Files.Select(f => new DownloadPlanFileOutput(f.Path, f.Size, f.IsLfs, f.LfsSha256, run.IsPresent(f)))],
            plan.TotalFiles,
            plan.TotalSize,
            run.BytesToDownload,
            run.AvailableFreeSpace());
    }
}
