namespace HFDesk.Core.Hub;

/// <summary>One file of a repository at a commit, as the tree listing describes it.</summary>
/// <param name="Path">Full repo path with '/' separators, exactly as the Hub sends it (not yet confined to any root).</param>
/// <param name="Size">Real content size (for LFS files, not the pointer size).</param>
/// <param name="Oid">Git blob sha1 of the file (for LFS files, of the pointer).</param>
/// <param name="LfsSha256">SHA-256 of the content for LFS files, else null.</param>
internal sealed record RepoFile(string Path, long Size, string Oid, string? LfsSha256)
{
    public bool IsLfs => LfsSha256 is not null;

    /// <summary>Name of the blob in the HF cache: sha256 for LFS files, git sha1 otherwise.</summary>
    public string BlobName => LfsSha256 ?? Oid;

    public string FileName => Path[(Path.LastIndexOf('/') + 1)..];
}
