namespace HFDesk.Core.Jobs;

/// <summary>Why the scheduler cancelled a running job's token; decides the status the job lands in.</summary>
internal enum JobStopReason
{
    Pause,
    Cancel,
    Shutdown,
}
