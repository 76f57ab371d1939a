namespace HFDesk.Core.Mirror;

internal enum MirrorOperationStatus
{
    Running,
    Completed,

    /// <summary>Ended with at least one error (listed in the operation), or could not run at all.</summary>
    Failed,
    Cancelled,
}
