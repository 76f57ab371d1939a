namespace HFDesk.Server.Contracts;

internal sealed record MirrorRepoDiffResponse(
    string Repo,
    string Type,
    string State,
    IReadOnlyDictionary<string, string> LocalRefs,
    IReadOnlyDictionary<string, string> TargetRefs,
    int FilesToPush,
    long BytesToPush,
    int FilesToPull,
    long BytesToPull,
    bool Busy);
