namespace HFDesk.Core.Jobs;

/// <summary>The outcome of asking the state machine for a change: the next snapshot, or why not.</summary>
internal readonly record struct JobTransition(Job? Next, string? Conflict)
{
    public bool Allowed => Next is not null;
}
