namespace HFDesk.Core.Jobs;

internal enum JobStatus
{
    Queued,
    Running,
    Paused,
    Completed,
    Failed,
    Cancelled,
}
