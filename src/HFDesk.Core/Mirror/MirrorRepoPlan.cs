using HFDesk.Core.Hub;

namespace HFDesk.Core.Mirror;

/// <summary>What one repo needs at the destination, in the order it is written: blobs, snapshot entries, refs.</summary>
internal sealed record MirrorRepoPlan(
    RepoType Type,
    string Repo,
    string DestinationDir,
    IReadOnlyList<MirrorCopy> BlobCopies,
    IReadOnlyList<MirrorCopy> FileCopies,
    IReadOnlyList<MirrorLink> Links,
    IReadOnlyDictionary<string, string> RefWrites)
{
    public int Files => BlobCopies.Count + FileCopies.Count;

    public long Bytes => BlobCopies.Sum(c => c.Size) + FileCopies.Sum(c => c.Size);

    public bool IsEmpty => Files == 0 && Links.Count == 0 && RefWrites.Count == 0;
}
