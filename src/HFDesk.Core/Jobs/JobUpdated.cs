namespace HFDesk.Core.Jobs;

/// <summary>A full job snapshot: at once for a status change, coalesced for progress.</summary>
internal sealed record JobUpdated(Job Job, bool StatusChanged) : JobEvent;
