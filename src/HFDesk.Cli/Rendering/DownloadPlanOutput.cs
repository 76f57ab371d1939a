using HFDesk.Core.Jobs.Execution;
using HFDesk.Server.Contracts;

namespace HFDesk.Cli.Rendering;

/// <summary>A plan as <c>--dry-run --json</c> prints it: the API's plan answer, tagged as the line's event.</summary>
internal sealed record DownloadPlanOutput : PlanResponse
{
    private DownloadPlanOutput(PlanResponse plan)
        : base(plan)
    {
    }

    public string Event { get; init; } = "plan";

    public static DownloadPlanOutput From(RepoDownloadRun run) => new(run.ToResponse());
}
