namespace HFDesk.Core.Mirror;

internal enum MirrorDirection
{
    /// <summary>H → T/hub.</summary>
    Push,

    /// <summary>T/hub → H.</summary>
    Pull,
}
