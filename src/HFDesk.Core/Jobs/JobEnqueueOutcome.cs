namespace HFDesk.Core.Jobs;

internal enum JobEnqueueOutcome
{
    Created,

    /// <summary>An identical active job already existed; the result carries it.</summary>
    Duplicate,

    /// <summary>Shutdown has begun: no job was created (the API answers 409).</summary>
    ShuttingDown,
}
