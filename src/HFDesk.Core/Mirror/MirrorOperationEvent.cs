using HFDesk.Core.Jobs;

namespace HFDesk.Core.Mirror;

/// <summary>
/// <c>mirror_progress</c> (at most 4 a second) or <c>mirror_finished</c> (once, last). Sent on the job event
/// stream so one socket queue carries them in the order they happened.
/// </summary>
internal sealed record MirrorOperationEvent(string Kind, MirrorOperationSnapshot Operation) : JobEvent
{
    public const string Progress = "mirror_progress";
    public const string Finished = "mirror_finished";
}
