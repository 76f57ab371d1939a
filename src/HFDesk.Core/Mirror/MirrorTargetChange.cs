namespace HFDesk.Core.Mirror;

/// <summary>How adding or removing a target ended: the target, or why not (400, 404 or 409 to the API).</summary>
internal sealed record MirrorTargetChange(MirrorOutcome Outcome, string Message, MirrorTarget? Target = null, bool Persisted = true);
