namespace HFDesk.Core.Mirror;

public enum MirrorDirection
{
    /// <summary>H → T/hub.</summary>
    Push,

    /// <summary>T/hub → H.</summary>
    Pull,
}
