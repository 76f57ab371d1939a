using HFDesk.Core.Hub;

namespace HFDesk.Core.Mirror;

/// <summary>One repo of a diff: its state, both sides' refs, and what a push or a pull would move for it.</summary>
internal sealed record MirrorRepoDiff(
    string Repo,
    RepoType Type,
    MirrorRepoState State,
    IReadOnlyDictionary<string, string> LocalRefs,
    IReadOnlyDictionary<string, string> TargetRefs,
    int FilesToPush,
    long BytesToPush,
    int FilesToPull,
    long BytesToPull,
    bool Busy);
