namespace HFDesk.Server.Contracts;

/// <summary>api.md's operation object.</summary>
internal sealed record MirrorOperationResponse(
    string Id,
    string Kind,
    string Target,
    string Status,
    MirrorProgressResponse Progress,
    int Copied,
    long CopiedBytes,
    int Deleted,
    IReadOnlyList<string> Skipped,
    IReadOnlyList<MirrorErrorResponse> Errors,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt);
