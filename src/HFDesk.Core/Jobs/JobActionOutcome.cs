namespace HFDesk.Core.Jobs;

internal enum JobActionOutcome
{
    Done,
    NotFound,

    /// <summary>The job is in the wrong state for the action (the API answers 409).</summary>
    Conflict,

    /// <summary>Shutdown has begun and jobs no longer change on request (the API answers 409 too).</summary>
    ShuttingDown,
}
