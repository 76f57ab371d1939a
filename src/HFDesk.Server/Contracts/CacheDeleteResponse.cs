namespace HFDesk.Server.Contracts;

internal sealed record CacheDeleteResponse(
    bool Ok,
    string Message,
    IReadOnlyList<string> DeletedPaths,
    long FreedBytes,
    string FreedHuman,
    IReadOnlyList<string> Warnings);
