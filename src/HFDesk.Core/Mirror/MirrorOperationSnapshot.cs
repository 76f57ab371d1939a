namespace HFDesk.Core.Mirror;

/// <summary>An operation at one moment, as api.md's operation object shows it.</summary>
internal sealed record MirrorOperationSnapshot(
    string Id,
    MirrorDirection Kind,
    string Target,
    MirrorOperationStatus Status,
    MirrorProgress Progress,
    int Copied,
    long CopiedBytes,
    int Deleted,
    IReadOnlyList<string> Skipped,
    IReadOnlyList<MirrorError> Errors,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt);
