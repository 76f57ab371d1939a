namespace HFDesk.Core.Mirror;

/// <summary>
/// One file to bring over: into <c>blobs/</c> (then linked from the snapshots) or, on a destination without
/// symlinks, straight into <c>snapshots/</c>. <see cref="Blob"/> is what verify checks the bytes against.
/// </summary>
internal sealed record MirrorCopy(string RepoPath, string SourcePath, string DestinationPath, string? Blob, long Size);
