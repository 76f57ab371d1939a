namespace HFDesk.Server.Contracts;

/// <summary>A mirror target as listed: <c>symlinks</c>, <c>free</c> and <c>total</c> are null while the folder is missing.</summary>
internal sealed record MirrorTargetResponse(string Name, string Path, string Description, bool Exists, bool Writable, bool? Symlinks, long? Free, long? Total);
