namespace HFDesk.Core.Cache;

/// <summary>A <c>snapshots/&lt;commit&gt;</c> folder and the refs that point at it.</summary>
internal sealed record CachedSnapshot(
    string Commit,
    IReadOnlyList<string> Refs,
    long Size,
    DateTimeOffset LastModified,
    IReadOnlyList<CachedFile> Files);
