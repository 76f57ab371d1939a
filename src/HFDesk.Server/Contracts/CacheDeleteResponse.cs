namespace HFDesk.Server.Contracts;

public sealed record CacheDeleteResponse(
    bool Ok,
    string Message,
    IReadOnlyList<string> DeletedPaths,
    long FreedBytes,
    string FreedHuman,
    IReadOnlyList<string> Warnings);
