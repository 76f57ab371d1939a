namespace HFDesk.Core.Mirror;

/// <summary>Why a mirror request did not go ahead; each maps to one HTTP status and one CLI exit code.</summary>
internal enum MirrorOutcome
{
    Ok,

    /// <summary>The request itself is wrong (a bad name, path or filter): 400, exit 2.</summary>
    Invalid,

    /// <summary>No such target or operation: 404.</summary>
    NotFound,

    /// <summary>Valid but not now or not here (name taken, target busy, deleteExtra against an empty source): 409.</summary>
    Conflict,
}
