namespace HFDesk.Core.Jobs;

internal enum JobFileStatus
{
    Pending,
    Active,
    Verifying,
    Complete,

    /// <summary>Already complete at the destination before this job ran.</summary>
    Skipped,
    Failed,
}
