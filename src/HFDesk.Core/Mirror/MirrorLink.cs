namespace HFDesk.Core.Mirror;

/// <summary>A snapshot entry to point at a blob of the same repo folder (written after the blob arrived).</summary>
internal sealed record MirrorLink(string RepoPath, string LinkPath, string BlobPath, string Blob);
