namespace HFDesk.Core.Mirror;

/// <summary>A push or pull as <c>POST /api/mirror/push|pull</c> and <c>hfdesk mirror push|pull</c> ask for it.</summary>
internal sealed record MirrorRequest(
    MirrorDirection Direction,
    string Target,
    string? RepoFilter = null,
    bool DryRun = false,
    bool Verify = false,
    bool DeleteExtra = false,
    bool Force = false,
    bool Fsync = false);
