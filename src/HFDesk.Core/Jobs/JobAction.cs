namespace HFDesk.Core.Jobs;

/// <summary>Everything that can change a job's status; <see cref="JobStateMachine"/> decides which are allowed.</summary>
internal enum JobAction
{
    Start,
    Pause,
    Resume,
    Retry,
    Cancel,
    Dismiss,
    Complete,
    Fail,

    /// <summary>The process stopped (shutdown or crash) while the job ran: it goes back to the queue.</summary>
    Interrupt,
}
