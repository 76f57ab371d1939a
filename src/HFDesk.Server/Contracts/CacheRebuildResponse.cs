namespace HFDesk.Server.Contracts;

internal sealed record CacheRebuildResponse(
    bool Ok,
    string Message,
    int Repos,
    int FilesLinked,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Warnings);
