namespace HFDesk.Core.HubServing;

/// <summary>
/// One file the cache can answer for a revision: its repo path, real size, git oid (for LFS files the oid of the
/// pointer text, as the Hub's tree says), the LFS sha256 when it is an LFS file, and where its bytes are on disk (null: known from upstream metadata, not yet here).
/// </summary>
internal sealed record ServedFile(string Path, long Size, string GitOid, string? LfsSha256, string? PhysicalPath)
{
    public bool IsLfs => LfsSha256 is not null;

    public bool IsOnDisk => PhysicalPath is not null;

    /// <summary>What the Hub sends as the file's (linked) ETag, and what clients name the cache blob by.</summary>
    public string BlobId => LfsSha256 ?? GitOid;

    public int PointerSize => LfsSha256 is null ? 0 : LfsPointer.Text(LfsSha256, Size).Length;
}
