namespace HFDesk.Server.Contracts;

internal sealed record MirrorProgressResponse(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal, long BytesPerSecond, long? EtaSeconds, string? Repo);
