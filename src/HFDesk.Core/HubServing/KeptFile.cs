namespace HFDesk.Core.HubServing;

/// <summary>One upstream tree entry: path, real size, git oid, LFS sha256 (null for regular files).</summary>
internal sealed record KeptFile(string Path, long Size, string Oid, string? LfsSha256);
