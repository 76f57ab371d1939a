namespace HFDesk.Core.Mirror;

internal enum MirrorRepoState
{
    /// <summary>Only in H.</summary>
    Missing,

    /// <summary>Only on the target.</summary>
    Extra,

    /// <summary>Both have it, but a ref or a snapshot file differs.</summary>
    Outdated,

    /// <summary>Every ref and every snapshot file's blob equal by name and size.</summary>
    Same,
}
