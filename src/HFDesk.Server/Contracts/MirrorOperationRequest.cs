namespace HFDesk.Server.Contracts;

/// <summary><c>POST /api/mirror/push</c> and <c>/pull</c>; absent flags are false.</summary>
internal sealed record MirrorOperationRequest(string? Target, string? RepoFilter, bool? DryRun, bool? Verify, bool? DeleteExtra, bool? Force, bool? Fsync = null);
