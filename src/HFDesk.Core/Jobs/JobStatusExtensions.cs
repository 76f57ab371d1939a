namespace HFDesk.Core.Jobs;

internal static class JobStatusExtensions
{
    public static bool IsTerminal(this JobStatus status) =>
        status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>Queued, running or paused: the job still owns its destination (duplicates, cache delete).</summary>
    public static bool IsActive(this JobStatus status) => !status.IsTerminal();

    /// <summary>The lowercase word of the API (<c>queued</c>, <c>running</c>…).</summary>
    public static string Word(this JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Paused => "paused",
        JobStatus.Completed => "completed",
        JobStatus.Failed => "failed",
        JobStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
