namespace HFDesk.Core.Mirror;

/// <summary>
/// One snapshot entry of a cache: its repo path, the blob it resolves to and where its bytes are. Blob is null
/// for a real file in <c>snapshots/</c> (a cache written without symlinks): by git, a path at a commit has one
/// content, so such an entry is compared by commit, path and size instead.
/// </summary>
internal sealed record MirrorFile(string Path, string? Blob, long Size, string SourcePath);
