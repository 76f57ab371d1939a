using HFDesk.Core.Hub;

namespace HFDesk.Core.Mirror;

/// <summary>One repo folder of a hub cache as the mirror sees it: refs, snapshot entries and blobs with their sizes.</summary>
internal sealed record MirrorRepo(
    RepoType Type,
    string Id,
    string FolderName,
    string Directory,
    IReadOnlyDictionary<string, string> Refs,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, MirrorFile>> Snapshots,
    IReadOnlyDictionary<string, long> Blobs)
{
    public RepoId? RepoId => Hub.RepoId.TryParse(Id, out var id) ? id : null;

    public MirrorFile? Find(string commit, string path) =>
        Snapshots.TryGetValue(commit, out var files) && files.TryGetValue(path, out var file) ? file : null;
}
