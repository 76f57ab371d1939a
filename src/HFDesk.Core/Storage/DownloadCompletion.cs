using HFDesk.Core.Hub;

namespace HFDesk.Core.Storage;

/// <summary>What a finished download selected and when, for refs and the manifest.</summary>
internal sealed record DownloadCompletion(
    string Revision,
    IReadOnlyList<string> Filters,
    IReadOnlyList<string> Excludes,
    bool ExactMatch,
    int RepoFileCount,
    IReadOnlyList<RepoFile> Files,
    DateTimeOffset FinishedAt);
