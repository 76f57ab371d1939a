namespace HFDesk.Server.Contracts;

internal sealed record CacheSnapshotResponse(
    string Commit,
    IReadOnlyList<string> Refs,
    int FileCount,
    long Size,
    string SizeHuman,
    DateTimeOffset LastModified);
